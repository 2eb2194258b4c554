import Testing

@testable import Gazette

/// Each supported form: the fast path must accept it and give exactly the expected entries,
/// and Yams must give the same (so the expectations themselves are checked).
struct SupportedCase: CustomTestStringConvertible, Sendable {
    let yaml: String
    let expected: [YAMLDocument.Entry]
    init(_ yaml: String, _ expected: [YAMLDocument.Entry]) { self.yaml = yaml; self.expected = expected }
    var testDescription: String { yaml.debugDescription }
}

let supportedCases: [SupportedCase] = [
    SupportedCase(
        """
        title: "Japan may label Russia as ‘challenge’ in security strategy revision"
        date: 2022-03-12T05:02:00+08:00
        category: Japan
        tags: [Russia, security]
        source: Mainichi
        publisher: Intellasia
        original_url: https://example.com/a?b=1&c=2
        slug: japan-may-label
        draft: false
        summary: >-
          A folded summary
        """,
        [
            entry("title", s("Japan may label Russia as ‘challenge’ in security strategy revision"), 1, 8, quoted: true),
            entry("date", s("2022-03-12T05:02:00+08:00"), 2, 7),
            entry("category", s("Japan"), 3, 11),
            entry("tags", list(s("Russia"), s("security")), 4, 7),
            entry("source", s("Mainichi"), 5, 9),
            entry("publisher", s("Intellasia"), 6, 12),
            entry("original_url", s("https://example.com/a?b=1&c=2"), 7, 15),
            entry("slug", s("japan-may-label"), 8, 7),
            entry("draft", s("false"), 9, 8),
            entry("summary", s("A folded summary"), 10, 10),
        ]),
    SupportedCase("a: b", [entry("a", s("b"), 1, 4)]),
    SupportedCase("", []),
    SupportedCase("# only a comment\n\n", []),
    SupportedCase("\n   \n\n", []),
    SupportedCase("# c\n\na: b # trailing\n\n# end\nc: d\n", [entry("a", s("b"), 3, 4), entry("c", s("d"), 6, 4)]),
    SupportedCase("u: https://e.com/a?b=1&c=2#frag\n", [entry("u", s("https://e.com/a?b=1&c=2#frag"), 1, 4)]),
    SupportedCase("t: 05:02:00+08:00", [entry("t", s("05:02:00+08:00"), 1, 4)]),
    SupportedCase("a: b   \nc:    d  e  \n", [entry("a", s("b"), 1, 4), entry("c", s("d  e"), 2, 7)]),
    SupportedCase("a: C# and F#\nb: x#y", [entry("a", s("C# and F#"), 1, 4), entry("b", s("x#y"), 2, 4)]),
    SupportedCase(
        "a: -1\nb: ?x\nc: :x\nd: a:b\ne: 'x' # q",
        [
            entry("a", s("-1"), 1, 4), entry("b", s("?x"), 2, 4), entry("c", s(":x"), 3, 4),
            entry("d", s("a:b"), 4, 4), entry("e", s("x"), 5, 4, quoted: true),
        ]),
    SupportedCase(
        "a: 'it''s'\nb: ''\nc: '\"x\" \\n'",
        [
            entry("a", s("it's"), 1, 4, quoted: true), entry("b", s(""), 2, 4, quoted: true),
            entry("c", s("\"x\" \\n"), 3, 4, quoted: true),
        ]),
    SupportedCase(
        #"a: "q\"b\\s\/n\nt\tu\u00e9x\x41U\U0001F600 \e\0\_""#,
        [
            entry("a", s("q\"b\\s/n\nt\tuéxAU😀 \u{1B}\u{0}\u{A0}"), 1, 4, quoted: true)
        ]),
    SupportedCase(
        #"a: "\xe9\N\L\P\a\b\v\f\r\ ""#,
        [
            entry("a", s("é\u{85}\u{2028}\u{2029}\u{7}\u{8}\u{B}\u{C}\r "), 1, 4, quoted: true)
        ]),
    SupportedCase(
        "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: ''\ng: \"\"\nh: nul\ni: # c\nj:",
        [
            entry("a", .null, 1, 3), entry("b", .null, 2, 4), entry("c", .null, 3, 4), entry("d", .null, 4, 4),
            entry("e", .null, 5, 4), entry("f", s(""), 6, 4, quoted: true), entry("g", s(""), 7, 4, quoted: true),
            entry("h", s("nul"), 8, 4), entry("i", .null, 9, 3), entry("j", .null, 10, 3),
        ]),
    SupportedCase(
        "tags: [Russia, security, \"a, b\", 'c', ~, C#]\nx: []\ny: [ ]\nz: [ a ,b ]",
        [
            entry("tags", list(s("Russia"), s("security"), s("a, b"), s("c"), .null, s("C#")), 1, 7),
            entry("x", .list([]), 2, 4), entry("y", .list([]), 3, 4), entry("z", list(s("a"), s("b")), 4, 4),
        ]),
    SupportedCase(
        "tags:\n  - a\n  - 'b'\n",
        [
            entry("tags", list(s("a"), s("b")), 2, 3, keyLine: 1)
        ]),
    SupportedCase(
        "tags:\n- a\n-\n- \"c\" # c\n-   d\nnext: x",
        [
            entry("tags", list(s("a"), .null, s("c"), s("d")), 2, 1, keyLine: 1), entry("next", s("x"), 6, 7),
        ]),
    SupportedCase("tags: # c\n\n# c\n    - a\n\n# between\n    - b\n", [entry("tags", list(s("a"), s("b")), 4, 5, keyLine: 1)]),
    SupportedCase(
        "s: >-\n  one\n  two\n\n  three\n    more\n  four\nn: 1",
        [
            entry("s", s("one two\nthree\n  more\nfour"), 1, 4), entry("n", s("1"), 8, 4),
        ]),
    SupportedCase("s: |\n  one\n  two\n\n\nn: 1", [entry("s", s("one\ntwo\n"), 1, 4), entry("n", s("1"), 6, 4)]),
    SupportedCase("s: |+\n  one\n\n\nn: 1", [entry("s", s("one\n\n\n"), 1, 4), entry("n", s("1"), 5, 4)]),
    SupportedCase("s: >\n  a\n  b\n", [entry("s", s("a b\n"), 1, 4)]),
    SupportedCase("s: |2\n   x\n  y\n", [entry("s", s(" x\ny\n"), 1, 4)]),
    SupportedCase("s: |-  # comment\n  # not a comment\n", [entry("s", s("# not a comment"), 1, 4)]),
    SupportedCase("s: |\nn: 1", [entry("s", s(""), 1, 4), entry("n", s("1"), 2, 4)]),
    SupportedCase("s: >\n  no newline at end", [entry("s", s("no newline at end"), 1, 4)]),
    SupportedCase(
        "title: 東京株式市場、日経平均が3日続伸 🎉\nsource: 朝日新聞",
        [
            entry("title", s("東京株式市場、日経平均が3日続伸 🎉"), 1, 8), entry("source", s("朝日新聞"), 2, 9),
        ]),
    SupportedCase(
        "original_url: x\nx-y: 1\nv.2: 2\n0: 3\n_: 4\nnull: 5",
        [
            entry("original_url", s("x"), 1, 15), entry("x-y", s("1"), 2, 6), entry("v.2", s("2"), 3, 6),
            entry("0", s("3"), 4, 4), entry("_", s("4"), 5, 4), entry("null", s("5"), 6, 7),
        ]),
]

@Test(arguments: supportedCases)
func supportedForm(_ c: SupportedCase) throws {
    let fast = FlatFrontMatter.parse(c.yaml)
    #expect(fast == c.expected, "input: \(c.yaml.debugDescription)")
    #expect(try YAMLDocument.composed(c.yaml) == c.expected, "reference differs from the expectation for \(c.yaml.debugDescription)")
}

/// Forms the fast path must refuse. Most are errors in Yams; the rest are valid YAML outside
/// the fast path's grammar.
let refusedCases: [String] = [
    "a: &x b", "a: *x", "a: !!str b", "a: !local b", "%YAML 1.1\n---\na: b", "---\na: b", "a: b\n---\n", "a: b\n...\n",
    "a: {b: c}", "a:\n  b: c", "a: b\n  c", "a: 'b\n  c'", "a: \"b\n c\"", "a: \"b\\\n c\"", "a:\tb", "\ta: b",
    "a: b\t", "a: b\na: c", "\"a\": b", "'a': b", "a b: c", "\u{FEFF}a: b", "a: \u{FEFF}b", "ключ: v",
    "a: @b", "a: `b`", "a: |x", "a: ]", "a: }", "a: ,b", "a: !b", "a: %b", "a: ? b", "a: - b", "a: : b",
    "a: b: c", "a: b:", "a: b: # c", "a:b", "a : b", "a: [b, [c]]", "a: [b: c]", "a: [\"b\": c]", "a: [b:c]",
    "a: [b,\n c]", "a: [b,]", "a: [b, , c]", "a: [,]", "a: [b] c", "a: [b #c]", "a: [?b]", "a: [{b}]",
    "a: \"\\q\"", "a: \"\\ud800\"", "a: \"\\U00110000\"", "a: \"\\x4\"", "a: 'x' y", "a: \"x\"#c", "a: \"x\":",
    "a: b\r\n", "a: b\rc: d", "a: b\u{85}c", "a: b\u{2028}", "a: \u{1}", "a: \u{0}", "a: \u{7F}", "a: \u{9F}",
    "a: \u{FFFE}", "a:\n  -\n    b", "a:\n  - b\n - c", "a:\n  - b\n- c", "a:\n  - b\n   c", "a:\n- b\n  c",
    "a:\n  - b: c", "a:\n  - - b", "a:\n  - [b]", "a:\n  - |\n    b", "a: b\n- c", "a: b\n  - c",
    "a: |\n  x\n # c\n  y", "a: |\n    \n  x", "a: |0\n  x", "a: |-0\n  x", "a: |#c\n  x", "a: |\n  x\n y",
    "a: b\n  # indented comment", "- a\n- b", "just a scalar", "a: b\nc", "? a\n: b", "<<: *a", "-a: b", ".a: b",
    String(repeating: "k", count: 129) + ": v", "a: \"unterminated", "a: 'unterminated", "a: [unterminated",
    "a:\n  [b]", "a:\n  \"b\"", "a:\n  b", "a:\n  # c\n  - b",
]

@Test(arguments: refusedCases)
func refusedForm(_ yaml: String) {
    #expect(FlatFrontMatter.parse(yaml) == nil, "input: \(yaml.debugDescription)")
}

/// A document reads the same whichever path takes it: Yams decides what the fast path leaves,
/// errors included.
@Test func fallbackGivesYamsResultOrError() throws {
    #expect(try YAMLDocument(parsing: "a: {b: c}").entries == YAMLDocument.composed("a: {b: c}"))
    #expect(throws: YAMLProblem.self) { try YAMLDocument(parsing: "a: b\na: c") }
    #expect(try YAMLDocument(parsing: "a: b").entries == [entry("a", s("b"), 1, 4)])
}

/// Every character that libyaml refuses, or reads as a line break or a BOM, must make the fast
/// path refuse, at every offset within an 8-byte word (the character check reads 8 bytes at a
/// time); characters next to those ranges must still be accepted, with Yams's result.
@Test func characterCheckAtEveryOffset() throws {
    let forbidden = ((0x00...0x1F).filter { $0 != 0x0A } + [0x7F] + Array(0x80...0x9F) + [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF])
        .map { Unicode.Scalar(UInt32($0))! }
    let allowed = [
        0x78, 0x7E, 0xA0, 0xFFFD, 0xE000, 0x10000, 0x10FFFF, 0xD7FF, 0xE9, 0x20AC, 0x2027, 0x202A, 0xFEFE,
        0xFDD0, 0xFFEF, 0x6771,
    ].map { Unicode.Scalar(UInt32($0))! }
    for offset in 0..<17 {
        let prefix = "title: " + String(repeating: "a", count: offset)
        for c in forbidden {
            let doc = prefix + String(c) + "bcdefghijklmnop\n"
            #expect(FlatFrontMatter.parse(doc) == nil, "input: \(doc.debugDescription)")
        }
        for c in allowed {
            let doc = prefix + String(c) + "bcdefghijklmnop\nnext: \(String(c))\n"
            #expect(FlatFrontMatter.parse(doc) != nil, "input: \(doc.debugDescription)")
            #expect(disagreement(doc) == nil, "\(disagreement(doc) ?? "")")
        }
    }
}
