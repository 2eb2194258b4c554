import GazetteTemplates
import Testing

/// An article as a list shows it: objects with the same identity answer alike.
private final class Item: TemplateObject {
    let id: Int
    init(_ id: Int) { self.id = id }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "title": return .string("Story <\(id)>")
        case "versions": return .list([["source": .string("Wire \(id)")], ["source": .string("Daily \(id)")]])
        default: return nil
        }
    }

    var renderingIdentity: Int? { id }
}

/// The same fields, with no identity: never reused.
private final class Anonymous: TemplateObject {
    func value(forKey key: String) -> TemplateValue? { key == "title" ? "Anonymous" : nil }
}

@Suite struct PartialMemoTests {
    static let item = "<li>{{title}} {{t.also}} {{#versions}}{{source}}{{^last()}}, {{/last()}}{{/versions}}</li>\n"

    static func library(item: String = Self.item, page: String = "{{#items}}\n{{>item}}\n{{/items}}") throws -> TemplateLibrary {
        try TemplateLibrary(templates: ["page": page, "item": item])
    }

    static func page(_ ids: [Int], also: String = "Also:") -> TemplateValue {
        ["t": ["also": .string(also)], "items": .list(ids.map { .view(Item($0)) })]
    }

    static func render(_ library: TemplateLibrary, _ value: TemplateValue, memo: inout PartialMemo) -> String {
        var bytes: [UInt8] = []
        library.render(value, template: "page", into: &bytes, memo: &memo)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func anItemListedOnAnotherPageIsWrittenAgainWithoutRendering() throws {
        let library = try Self.library()
        var memo = PartialMemo()
        let first = Self.render(library, Self.page([1, 2]), memo: &memo)
        let second = Self.render(library, Self.page([2, 3]), memo: &memo)
        #expect(first == library.render(Self.page([1, 2]), template: "page"))
        #expect(second == library.render(Self.page([2, 3]), template: "page"))
        #expect(second == "<li>Story &lt;2&gt; Also: Wire 2, Daily 2</li>\n<li>Story &lt;3&gt; Also: Wire 3, Daily 3</li>\n")
        #expect(memo.reused == 1 && memo.rendered == 3)
    }

    /// `t.also` is found on the page, below the item: a page where it differs renders the item
    /// again, with its own words.
    @Test func anItemIsRenderedAgainWhereANameBelowItGivesOtherwise() throws {
        let library = try Self.library()
        var memo = PartialMemo()
        _ = Self.render(library, Self.page([1]), memo: &memo)
        let other = Self.render(library, Self.page([1], also: "Auch:"), memo: &memo)
        #expect(other == "<li>Story &lt;1&gt; Auch: Wire 1, Daily 1</li>\n")
        #expect(memo.reused == 0 && memo.rendered == 2)
        let again = Self.render(library, Self.page([1], also: "Auch:"), memo: &memo)
        #expect(again == other && memo.reused == 1)
    }

    @Test func anIndentedPartialIsKeptForItsIndentation() throws {
        let library = try Self.library(page: "{{#items}}\n  {{>item}}\n{{/items}}{{#items}}\n{{>item}}\n{{/items}}")
        var memo = PartialMemo()
        let page = Self.page([1])
        #expect(Self.render(library, page, memo: &memo) == library.render(page, template: "page"))
        #expect(memo.rendered == 2 && memo.reused == 0)
    }

    /// What cannot be compared cheaply below the item (a list, an object), and a block that
    /// the calls around it may override, are not kept.
    @Test(arguments: [
        "<li>{{title}} {{#t}}{{also}}{{/t}}</li>", "<li>{{title}} {{#items}}x{{/items}}</li>", "<li>{{$note}}{{title}}{{/note}}</li>",
    ])
    func whatCannotBeComparedIsNotKept(item: String) throws {
        let library = try Self.library(item: item)
        var memo = PartialMemo()
        let page = Self.page([1, 1])
        #expect(Self.render(library, page, memo: &memo) == library.render(page, template: "page"))
        #expect(memo.reused == 0 && memo.rendered == 2)
    }

    @Test func anObjectWithoutIdentityIsRenderedEachTime() throws {
        let library = try Self.library()
        var memo = PartialMemo()
        let page: TemplateValue = ["items": [.view(Anonymous()), .view(Anonymous())]]
        #expect(Self.render(library, page, memo: &memo) == "<li>Anonymous  </li>\n<li>Anonymous  </li>\n")
        #expect(memo.reused == 0 && memo.rendered == 0)
    }

    /// Full, the memo forgets what it holds rather than growing.
    @Test func aFullMemoStartsAgain() throws {
        let library = try Self.library()
        var memo = PartialMemo(limit: 60)
        _ = Self.render(library, Self.page([1, 2, 3]), memo: &memo)
        _ = Self.render(library, Self.page([1]), memo: &memo)
        #expect(memo.reused == 0 && memo.rendered == 4)
    }
}
