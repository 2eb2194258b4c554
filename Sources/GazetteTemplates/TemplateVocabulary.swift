/// Field names that a `TemplateObject` answers by number: a template compiled with a vocabulary
/// carries, with each name it uses, the name's place in it (its slot), and hands the slot to
/// `TemplateObject.value(forKey:slot:)`. An object whose fields are the vocabulary then finds a
/// field by indexing an array, without hashing or comparing the name.
public struct TemplateVocabulary: Sendable {
    let slots: [String: Int32]

    /// `names[i]` gets slot `i`; a name given twice keeps its first slot.
    public init(_ names: [String]) {
        var slots: [String: Int32] = [:]
        for (i, name) in names.enumerated() where slots[name] == nil { slots[name] = Int32(i) }
        self.slots = slots
    }

    /// No names: every slot is -1.
    public static let none = TemplateVocabulary([])

    func slot(of name: String) -> Int32 { slots[name] ?? -1 }
}
