import GazetteTemplates
import Testing

/// Templates that do not compile: where the problem starts and what it is. swift-mustache
/// rejects each of them too.
@Suite struct ErrorTests {
    @Test func unclosedSectionPointsAtItsOpeningTag() {
        checkError("a\n  {{#items}}\n  x\n", line: 2, column: 3, message: "a section is opened but never closed: 'items'")
        checkError("{{#a}}{{^b}}{{/b}}", line: 1, column: 1, message: "opened but never closed: 'a'")
        checkError("{{#a}}{{#b}}{{/a}}", line: 1, column: 13, message: "a section is closed with the wrong name: 'a' closes 'b'")
        checkError("é{{<layout}}", line: 1, column: 2, message: "a parent is opened but never closed: 'layout'")
    }

    @Test func wrongOrStrayClosingTag() {
        checkError("{{#a}}x{{/b}}", line: 1, column: 8, message: "a section is closed with the wrong name: 'b' closes 'a'")
        checkError("{{#count(l)}}x{{/l}}", line: 1, column: 15, message: "'l' closes 'count(l)'")
        checkError("x\n{{/a}}", line: 2, column: 1, message: "a section is closed but was never opened: 'a'")
    }

    @Test func unclosedTags() {
        checkError("Hello {{name", line: 1, column: 7, message: "a tag is not closed with '}}'")
        checkError("Hello {{name}", line: 1, column: 7, message: "a tag is not closed with '}}'")
        checkError("{{a b}}", line: 1, column: 1, message: "a tag is not closed with '}}'")
        checkError("x {{{name}}", line: 1, column: 3, message: "a triple mustache tag is not closed with '}}}'")
        checkError("1\n2\n  {{! never closed", line: 3, column: 3, message: "a comment is not closed with '}}'")
        checkError("{{=<% %>=}}<%x", line: 1, column: 12, message: "a tag is not closed with '%>'")
        checkError("{{count(a}}", line: 1, column: 1, message: "a transform is not written as 'transform(name)'")
    }

    @Test func invalidSetDelimiters() {
        checkError("{{=<%=}}", line: 1, column: 1, message: "invalid set-delimiter tag")
        checkError("ab {{=<% %>}}", line: 1, column: 4, message: "invalid set-delimiter tag")
        checkError("{{= =}}", line: 1, column: 1, message: "invalid set-delimiter tag")
    }

    @Test func blocksAndParents() {
        checkError("{{$count(a)}}x{{/count(a)}}", line: 1, column: 1, message: "a block name cannot have transforms")
        checkError("{{<layout}}\n  {{name}}\n{{/layout}}", line: 2, column: 3, message: "a parent may contain only blocks")
        checkError("{{<layout}}{{#a}}{{/a}}{{/layout}}", line: 1, column: 12, message: "a parent may contain only blocks")
    }

    @Test func pragmas() {
        checkError("{{%CONTENT_TYPE:XML}}", line: 1, column: 1, message: "unknown content type 'XML'")
        checkError("{{%OTHER:HTML}}", line: 1, column: 1, message: "unknown pragma 'OTHER'")
        checkError("{{%CONTENT_TYPE}}", line: 1, column: 1, message: "invalid pragma tag")
    }

    @Test func errorDescribesItsPlace() throws {
        do {
            _ = try Template("x\n\n   {{#a}}")
            Issue.record("no error")
        } catch {
            #expect(error.description == "3:4: a section is opened but never closed: 'a'")
        }
    }

    @Test func columnsCountCharacters() {
        checkError("日本語 {{#a}}", line: 1, column: 5, message: "never closed")
    }
}
