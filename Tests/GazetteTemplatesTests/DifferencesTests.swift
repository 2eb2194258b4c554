import GazetteTemplates
import Testing

/// Where GazetteTemplates deliberately does not do what swift-mustache 2.1.1 does (see the
/// README): each case pins both behaviours, so that the differential harness is also shown to
/// report a difference when there is one.
@Suite struct DifferencesTests {
    @Test func aSpecialCharacterFollowedByACombiningMarkIsEscaped() {
        // swift-mustache compares `Character`s: `"` + U+0301 is one character, not `"`, so it
        // is written raw, which can close an HTML attribute.
        let value: TemplateValue = ["x": "\"\u{301} onmouseover=alert(1)"]
        check("{{x}}", value, "&quot;\u{301} onmouseover=alert(1)", sameAsUpstream: false)
        #expect(Upstream.render(["main": "{{x}}"], main: "main", value) == .success("\"\u{301} onmouseover=alert(1)"))
    }

    @Test func aTemplateMayEndWithABrace() {
        check("body {", [:], "body {", sameAsUpstream: false)
        // swift-mustache fails reading past the end while looking for "{{".
        if case .success = Upstream.render(["main": "body {"], main: "main", [:]) { Issue.record("swift-mustache accepted it") }
    }

    @Test func aDanglingStartDelimiterIsAnError() {
        checkError("text {{", line: 1, column: 6, message: "a tag is not closed with '}}'", upstreamRejects: false)
        // swift-mustache drops it silently.
        #expect(Upstream.render(["main": "text {{"], main: "main", [:]) == .success("text "))
    }

    @Test func aNullListElementIsNullEverywhere() {
        let value: TemplateValue = ["l": [nil, 1]]
        check("[{{first(l)}}][{{#first(l)}}x{{/first(l)}}][{{^first(l)}}y{{/first(l)}}]", value, "[][][y]", sameAsUpstream: false)
        // swift-mustache's `first` returns the `NSNull` that stands for it, which is true in a
        // section and prints as "<null>".
        #expect(
            Upstream.render(["main": "[{{first(l)}}][{{#first(l)}}x{{/first(l)}}]"], main: "main", value)
                == .success("[&lt;null&gt;][x]"))
        // Iterated, both push it and find nothing in it.
        check("{{#l}}({{.}}){{/l}}", value, "()(1)")
    }

    @Test func aReversedListPrintsAsAList() {
        check("{{reversed(l)}}", ["l": [1, 2]], "[2, 1]", sameAsUpstream: false)
        #expect(
            Upstream.render(["main": "{{reversed(l)}}"], main: "main", ["l": [1, 2]])
                == .success("ReversedCollection&lt;Array&lt;Int&gt;&gt;(_base: [1, 2])"))
    }

    @Test func integerTransformsWrapAround() {
        // swift-mustache traps on overflow.
        check("{{plusone(n)}}", ["n": .int(Int.max)], "\(Int.min)", sameAsUpstream: false)
    }
}
