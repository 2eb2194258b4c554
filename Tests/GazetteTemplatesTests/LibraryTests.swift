import GazetteTemplates
import Testing

@Suite struct LibraryTests {
    @Test func collectsEveryErrorOfEveryTemplate() {
        do {
            _ = try TemplateLibrary(templates: ["good": "{{x}}", "b": "{{#a}}", "a": "line\n{{/z}}", "c": "{{=x=}}"])
            Issue.record("no error")
        } catch {
            #expect(error.errors.map(\.template) == ["a", "b", "c"])
            #expect(error.errors.map(\.line) == [2, 1, 1])
            #expect(error.errors[0].description == "a:2:1: a section is closed but was never opened: 'z'")
            #expect(error.description.split(separator: "\n").count == 3)
        }
    }

    @Test func registerNamesErrors() {
        var library = TemplateLibrary()
        do {
            try library.register("{{#x}}", named: "page")
            Issue.record("no error")
        } catch {
            #expect(error.template == "page")
        }
        #expect(library.names == [])
    }

    @Test func missingPartialsAreListedWithTheirPlace() throws {
        let library = try TemplateLibrary(templates: [
            "page": "{{>header}}\n  {{>nav}}\n{{<layout}}{{$x}}{{>footer}}{{/x}}{{/layout}}{{>*dynamic}}",
            "header": "h",
        ])
        let missing = library.missingPartials()
        #expect(
            missing == [
                MissingPartial(template: "page", partial: "nav", line: 2, column: 3),
                MissingPartial(template: "page", partial: "layout", line: 3, column: 1),
                MissingPartial(template: "page", partial: "footer", line: 3, column: 18),
            ])
        #expect(missing[0].description == "page:2:3: template names the partial 'nav', which does not exist")
        // A missing partial renders as nothing, as in swift-mustache (which still writes the
        // indentation of a standalone one).
        #expect(library.render([:], template: "page") == "h  ")
        #expect(try Template("{{>a}}{{<b}}{{/b}}{{>a}}").partialNames == ["a", "b"])
    }

    @Test func renderingIntoABufferAppends() throws {
        var library = TemplateLibrary()
        library.register(try Template("<{{x}}>"), named: "t")
        var buffer: [UInt8] = Array("head:".utf8)
        #expect(library.render(["x": "1"], template: "t", into: &buffer))
        #expect(String(decoding: buffer, as: UTF8.self) == "head:<1>")
        buffer.removeAll(keepingCapacity: true)
        #expect(library.render(["x": "&"], template: "t", into: &buffer))
        #expect(String(decoding: buffer, as: UTF8.self) == "<&amp;>")
        #expect(!library.render([:], template: "nope", into: &buffer))
        #expect(String(decoding: buffer, as: UTF8.self) == "<&amp;>")
        #expect(library.render([:], template: "nope") == nil)
    }

    @Test func registeringReplaces() throws {
        var library = try TemplateLibrary(templates: ["t": "one", "p": "[{{>t}}]"])
        try library.register("two", named: "t")
        #expect(library.render([:], template: "p") == "[two]")
        #expect(library.template(named: "t") != nil)
        #expect(library.names == ["p", "t"])
    }

    @Test func largeOutputGrowsTheBuffer() throws {
        let library = try TemplateLibrary(templates: ["t": "{{#l}}{{s}}{{/l}}"])
        let chunk = String(repeating: "<x>", count: 100)
        let value: TemplateValue = ["l": .list(Array(repeating: ["s": .string(chunk)], count: 500))]
        let output = try #require(library.render(value, template: "t"))
        #expect(output.utf8.count == 500 * 100 * "&lt;x&gt;".utf8.count)
    }

    @Test func templateRendersWithoutALibrary() throws {
        let template = try Template("{{a}}{{>p}}")
        #expect(template.render(["a": "<"]) == "&lt;")
        var bytes: [UInt8] = []
        template.render(["a": 1], into: &bytes)
        #expect(bytes == Array("1".utf8))
    }
}
