import GazetteTemplates
import Testing

/// An object that answers its fields by slot, and says which slot each answer came with.
private final class SlotObject: TemplateObject {
    static let names = ["title", "url", "source"]

    func value(forKey key: String) -> TemplateValue? {
        Self.names.contains(key) ? .string("\(key):name") : nil
    }

    func value(forKey key: String, slot: Int) -> TemplateValue? {
        guard slot >= 0, slot < Self.names.count, Self.names[slot] == key else { return value(forKey: key) }
        return .string("\(key):\(slot)")
    }
}

@Suite struct VocabularyTests {
    static let context: TemplateValue = ["item": .view(SlotObject()), "other": "page"]

    @Test func aTemplateHandsItsObjectsTheSlotOfEachName() throws {
        let template = try Template(
            "{{#item}}{{url}} {{title}} {{source}} {{other}}{{/item}} {{item.title}}",
            vocabulary: TemplateVocabulary(SlotObject.names))
        #expect(template.render(Self.context) == "url:1 title:0 source:2 page title:0")
    }

    @Test func withoutTheVocabularyAnObjectIsAskedByName() throws {
        let template = try Template("{{#item}}{{url}} {{title}}{{/item}}")
        #expect(template.render(Self.context) == "url:name title:name")
    }

    /// Another vocabulary numbers the names otherwise: an object that checks its name for a slot
    /// still answers with the right field.
    @Test func aSlotOfAnotherVocabularyIsNotTakenForAField() throws {
        let template = try Template("{{#item}}{{url}} {{title}}{{/item}}", vocabulary: TemplateVocabulary(["url", "title"]))
        #expect(template.render(Self.context) == "url:name title:name")
    }

    @Test func aLibraryCompilesItsTemplatesWithItsVocabulary() throws {
        var library = TemplateLibrary(vocabulary: TemplateVocabulary(SlotObject.names))
        try library.register("{{#item}}{{>part}}{{/item}}", named: "page")
        try library.register("{{source}}", named: "part")
        #expect(library.render(Self.context, template: "page") == "source:2")
        let built = try TemplateLibrary(templates: ["page": "{{#item}}{{url}}{{/item}}"], vocabulary: TemplateVocabulary(SlotObject.names))
        #expect(built.render(Self.context, template: "page") == "url:1")
    }
}
