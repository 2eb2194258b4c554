/// One entry of `enumerated(object)` or `sorted(object)`: `{{key}}` and `{{value}}` inside the
/// section, as swift-mustache's `(key:value:)` tuples offer them.
final class DictionaryEntry: TemplateObject {
    let key: String
    let value: TemplateValue

    init(key: String, value: TemplateValue) {
        self.key = key
        self.value = value
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "key": return .string(self.key)
        case "value": return value
        default: return nil
        }
    }
}
