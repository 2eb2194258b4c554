/// A value that templates render: typed, so that a look-up is a `switch`, never a dynamic cast.
///
/// Truthiness follows swift-mustache 2.1.1 for the equivalent `Any` values: in a section
/// `{{#x}}`, `false`, an empty list, `null` and a missing value render nothing, while every
/// string (the empty one too), every number (`0` too), every object and every view render the
/// section once with the value pushed on the context stack; a non-empty list renders it once
/// per element. `{{^x}}` renders exactly when `{{#x}}` would render nothing.
public enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    /// A plain dictionary: a look-up is one hash of the key.
    case object([String: TemplateValue])
    /// A lazy object: its fields are computed when a template asks for them.
    case view(any TemplateObject)
    /// Renders as nothing and is false in sections. Stored in an object it is still a value:
    /// a look-up that finds it stops there (as `NSNull` does in swift-mustache) instead of
    /// going on down the context stack, as it does for a key that is absent.
    case null
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A later duplicate key replaces an earlier one.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var object: [String: TemplateValue] = [:]
        object.reserveCapacity(elements.count)
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue {
    /// A list or an object.
    var isCollection: Bool {
        switch self {
        case .list, .object: return true
        default: return false
        }
    }
}
