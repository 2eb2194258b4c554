import GazetteTemplates
import Testing

/// swift-mustache 2.1.1 behaviours that a reading of the Mustache spec would not predict,
/// matched on purpose (see the README); each case is checked against swift-mustache too.
@Suite struct QuirkTests {
    @Test func aLineAfterASectionIsStandaloneOnlyIfTheOpeningTagWas() {
        let value: TemplateValue = ["a": true, "b": true]
        // `{{#a}}` is not standalone, so the line after the section does not start fresh:
        // `  {{#b}}` is not standalone and keeps its line.
        check("x{{#a}}y\n{{/a}}\n  {{#b}}\nz\n  {{/b}}\n", value, "xy\n  \nz\n")
        check("{{#a}}\ny\n{{/a}}\n  {{#b}}\nz\n  {{/b}}\n", value, "y\nz\n")
    }

    @Test func heldWhitespaceIsLostAtTheEnd() {
        check("a\n  {{!c}}{{!d}}", [:], "a\n")
        check("a\n  {{!c}}{{!d}}b", [:], "a\n  b")
    }

    @Test func spacesAtTheVeryEndKeepATagFromBeingStandalone() {
        check("x\n{{! c }}  ", [:], "x\n  ")
        check("x\n{{! c }}", [:], "x\n")
    }

    @Test func theIndentationOfAMissingStandalonePartialIsWritten() {
        check("  {{>missing}}\n", [:], "  ")
    }

    @Test func setDelimitersInsideAParentMakeBlocksIllegal() {
        checkError("{{<p}}{{=<% %>=}}<%$b%>x<%/b%><%/p%>", line: 1, column: 18, message: "a parent may contain only blocks")
        checkError("{{=<% %>=}}<%{x}%>", line: 1, column: 12, message: "a tag is not closed with '%>'")
    }
}
