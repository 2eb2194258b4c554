/// The text of a list or object printed as a variable (`{{list}}`): what swift-mustache prints
/// for the equivalent `[Any]` or `[String: Any]`, Swift's `String(describing:)`, e.g.
/// `["a", 1, true]` and `["key": "value"]` (an object's keys in its dictionary's order, which
/// Swift leaves unspecified). Nobody should want this in a page; it is kept for compatibility.
enum ValueDescription {
    static func describe(_ value: TemplateValue) -> String {
        var text = ""
        append(value, debug: false, to: &text)
        return text
    }

    static func describe(_ entry: DictionaryEntry) -> String {
        var text = ""
        append(entry, to: &text)
        return text
    }

    /// `debug`: as an element inside a collection, where strings are quoted and escaped.
    private static func append(_ value: TemplateValue, debug: Bool, to text: inout String) {
        switch value {
        case .string(let string):
            text += debug ? String(reflecting: string) : string
        case .int(let int):
            text += String(int)
        case .bool(let flag):
            text += flag ? "true" : "false"
        case .list(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                append(element, debug: true, to: &text)
            }
            text += "]"
        case .object(let object):
            guard !object.isEmpty else {
                text += "[:]"
                return
            }
            text += "["
            var first = true
            for (key, element) in object {
                if !first { text += ", " }
                first = false
                text += String(reflecting: key)
                text += ": "
                append(element, debug: true, to: &text)
            }
            text += "]"
        case .view(let view):
            if let entry = view as? DictionaryEntry { append(entry, to: &text) }
        case .null:
            // `NSNull`, which stands for null among swift-mustache's values, prints so.
            if debug { text += "<null>" }
        }
    }

    private static func append(_ entry: DictionaryEntry, to text: inout String) {
        text += "(key: "
        text += String(reflecting: entry.key)
        text += ", value: "
        append(entry.value, debug: true, to: &text)
        text += ")"
    }
}
