import Mustache
import Testing

/// The vendored swift-mustache resolves names with fast paths (Vendor/swift-mustache/PATCHES.md);
/// these pin what dotted and plain names resolve to, as swift-mustache 2.1.1 resolves them.
@Suite struct MustacheLookupTests {
    struct Parent: MustacheParent {
        func child(named name: String) -> Any? { name == "kind" ? "parent" : nil }
    }

    static func context() -> [String: Any] { [
        "a": ["b": ["c": "abc"], "title": "A title", "n": 3, "flag": true],
        "page": ["title": "Page title", "canonical": "https://example.org/x"],
        "site": ["title": "Site"],
        "title": "Outer title",
        "list": [["name": "one"], ["name": "two", "title": "Inner title"]],
        "custom": Parent(),
        "lambda": MustacheLambda { _ in ["b": "from a lambda"] },
    ] }

    static let cases: [(template: String, expected: String)] = [
        ("{{a.b.c}}", "abc"),
        ("{{a.title}}", "A title"),
        ("{{a..title}}", "A title"),
        ("{{a.title.}}", "A title"),
        ("{{a.n}} {{a.flag}}", "3 true"),
        ("{{a.missing}}|{{missing.title}}|{{a.b.missing}}", "||"),
        ("{{page.title}} · {{site.title}}", "Page title · Site"),
        ("{{#a}}{{b.c}} {{page.canonical}}{{/a}}", "abc https://example.org/x"),
        ("{{#list}}{{name}}:{{title}};{{/list}}", "one:Outer title;two:Inner title;"),
        ("{{#list}}{{page.title}}{{/list}}", "Page titlePage title"),
        ("{{custom.kind}}|{{custom.other}}", "parent|"),
        ("{{lambda.b}}", "from a lambda"),
        ("{{#a.b}}{{c}}{{/a.b}}", "abc"),
        ("{{^a.missing}}none{{/a.missing}}", "none"),
    ]

    @Test func namesResolveAsInSwiftMustache() throws {
        for (template, expected) in Self.cases {
            let rendered = try MustacheTemplate(string: template).render(Self.context())
            #expect(rendered == expected, "\(template)")
        }
    }
}
