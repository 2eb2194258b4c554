import Mustache
import Testing

/// The vendored swift-mustache resolves names with fast paths (Vendor/swift-mustache/PATCHES.md);
/// these pin what dotted and plain names resolve to, as swift-mustache 2.1.1 resolves them.
@Suite struct MustacheLookupTests {
    struct Parent: MustacheParent {
        func child(named name: String) -> Any? { name == "kind" ? "parent" : nil }
    }

    /// A parent that asks to be represented by something else: the representation wins.
    struct Represented: MustacheParent, MustacheCustomRepresentation {
        func child(named name: String) -> Any? { name == "kind" ? "parent" : nil }
        var representation: Any? { ["kind": "represented"] }
    }

    /// A parent that is also a null renderable: sections skip it, inverted sections show.
    struct Nullish: MustacheParent, MustacheCustomRenderable {
        func child(named name: String) -> Any? { name == "kind" ? "nullish" : nil }
        var renderText: String { "null" }
        var isNull: Bool { true }
    }

    /// A parent that is also a sequence: sections iterate it.
    struct Listing: MustacheParent, MustacheSequence {
        func child(named name: String) -> Any? { name == "kind" ? "listing" : nil }
        func makeIterator() -> IndexingIterator<[String]> { ["x", "y"].makeIterator() }
    }

    static func context() -> [String: Any] { [
        "represented": Represented(),
        "nullish": Nullish(),
        "listing": Listing(),
        "parents": [Parent(), Parent()],
        "off": false,
        "wrapped": AnyHashable("text"),
        "a": ["b": ["c": "abc"], "title": "A title", "n": 3, "flag": true],
        "page": ["title": "Page title", "canonical": "https://example.org/x"],
        "site": ["title": "Site"],
        "title": "Outer title",
        "list": [["name": "one"], ["name": "two", "title": "Inner title"]],
        "custom": Parent(),
        "lambda": MustacheLambda { _ in ["b": "from a lambda"] },
        "empty": [Any](),
        "tags": ["a", "b"],
        "nested": [["x", "y"], ["z"]],
        "single": Set(["s"]),
        "backwards": ["1", "2"].reversed(),
        "views": [Parent(), Parent()],
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
        // Sections over parents, sequences, Bool, Int and custom renderables, each type met
        // more than once in a render.
        ("{{#custom}}{{kind}}{{/custom}}|{{^custom}}no{{/custom}}|{{#custom}}{{kind}}{{/custom}}", "parent||parent"),
        ("{{#parents}}{{kind}};{{/parents}}{{#custom}}{{title}}{{/custom}}", "parent;parent;Outer title"),
        ("{{represented.kind}}|{{#represented}}{{kind}}{{/represented}}", "represented|represented"),
        ("{{#nullish}}shown{{/nullish}}|{{^nullish}}hidden{{/nullish}}|{{nullish.kind}}|{{nullish}}", "|hidden|nullish|null"),
        ("{{#listing}}{{.}}{{/listing}}|{{listing.kind}}", "xy|listing"),
        ("{{#a.flag}}yes{{/a.flag}}{{^a.flag}}no{{/a.flag}}|{{#off}}yes{{/off}}{{^off}}no{{/off}}", "yes|no"),
        ("{{#a.n}}{{.}}{{/a.n}}{{^a.n}}zero{{/a.n}}", "3"),
        ("{{wrapped}}|{{#wrapped}}{{.}}{{/wrapped}}|{{title.missing}}", "text|text|"),
        ("{{#list}}[{{#a}}{{#b}}{{c}}{{/b}}{{/a}}{{name}}]{{/list}}", "[abcone][abctwo]"),
        // Sequences of each element type, empty and not, in sections and inverted sections,
        // nested, and looked into (patch 15 renders them through functions made per type).
        ("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}|{{^tags}}none{{/tags}}{{#tags}}{{.}},{{/tags}}", "none|a,b,"),
        ("{{#nested}}[{{#.}}{{.}}{{/.}}]{{/nested}}|{{#nested}}{{^.}}never{{/.}}{{/nested}}", "[xy][z]|"),
        ("{{#single}}{{.}}{{/single}}{{#backwards}}{{.}}{{/backwards}}{{^backwards}}none{{/backwards}}", "s21"),
        ("{{#views}}{{kind}}{{/views}}|{{tags}}|{{tags.count}}|{{#tags}}{{title}}{{/tags}}", "parentparent|[&quot;a&quot;, &quot;b&quot;]||Outer titleOuter title"),
    ]

    @Test func namesResolveAsInSwiftMustache() throws {
        for (template, expected) in Self.cases {
            let rendered = try MustacheTemplate(string: template).render(Self.context())
            #expect(rendered == expected, "\(template)")
        }
    }

    /// What a renderer learns of types is kept from render to render on one thread
    /// (`render(_:withTemplate:kinds:)`): every case, rendered in turn with one shared list and
    /// in the reverse order with another, gives the same text as on its own.
    @Test func typeKindsKeptAcrossRendersGiveTheSameText() throws {
        var library = MustacheLibrary()
        for (i, item) in Self.cases.enumerated() { try library.register(item.template, named: "case\(i)") }
        for order in [Array(Self.cases.indices), Self.cases.indices.reversed()] {
            let kinds = MustacheTypeKinds()
            for i in order {
                let rendered = library.render(Self.context(), withTemplate: "case\(i)", kinds: kinds)
                #expect(rendered == Self.cases[i].expected, "\(Self.cases[i].template)")
            }
        }
    }

    /// A standalone partial is indented line by line as swift-mustache 2.1.1 does it (a
    /// sequence's later items start unindented), and sections and partials write into the page
    /// in order.
    @Test func indentedPartialsAndNesting() throws {
        var library = MustacheLibrary()
        try library.register("a\n{{#list}}- {{name}}\n{{/list}}b\n", named: "part")
        try library.register("<ul>\n  {{>part}}\n</ul>\n{{#list}}({{>inline}}){{/list}}", named: "page")
        try library.register("{{name}}", named: "inline")
        let rendered = library.render(Self.context(), withTemplate: "page")
        #expect(rendered == "<ul>\n  a\n  - one\n- two\n  b\n</ul>\n(one)(two)")
    }

    /// Pages are written as bytes (patch 14), but a partial's indentation still follows
    /// characters: a line ending "\r\n" is one character, not "\n", so the line after it is not
    /// indented; a token that writes nothing is not indented either; a nested indented partial
    /// indents its own lines again.
    @Test func indentationFollowsCharactersInBytes() throws {
        var library = MustacheLibrary()
        try library.register("x\r\n{{title}}\n{{none}}\n{{site.title}}\n  {{>inner}}\nend\n", named: "outer")
        try library.register("i1\n{{title}}\r\ni2\n", named: "inner")
        try library.register("<div>\n  {{>outer}}\n</div>\n", named: "page")
        let rendered = library.render(Self.context(), withTemplate: "page")
        #expect(rendered == "<div>\n  x\r\nOuter title\n  \n  Site\n    i1\n    Outer title\r\ni2\n  end\n</div>\n")
    }
}
