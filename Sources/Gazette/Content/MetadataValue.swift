import GazetteTemplates
import Yams

/// A front matter or site.yml value, kept as written so that templates see every key,
/// including the ones Gazette does not know.
/// Not `indirect`: lists and maps hold their values in arrays already, and boxing would cost an
/// allocation for every value.
public enum MetadataValue: Sendable, Hashable {
    case string(String)
    case list([MetadataValue])
    /// Keys in the order written; templates look them up by name, so order never reaches the output.
    case map([(key: String, value: MetadataValue)])
    case null

    public static func == (a: MetadataValue, b: MetadataValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.list(x), .list(y)): return x == y
        case let (.map(x), .map(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.null, .null): return true
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let s): hasher.combine(0); hasher.combine(s)
        case .list(let l): hasher.combine(1); hasher.combine(l)
        case .map(let m):
            hasher.combine(2)
            for (k, v) in m { hasher.combine(k); hasher.combine(v) }
        case .null: hasher.combine(3)
        }
    }

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                self = .null
            } else {
                self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .list(sequence.map(MetadataValue.init))
        case .mapping(let mapping):
            self = .map(mapping.map { (key: $0.key.string ?? "", value: MetadataValue($0.value)) })
        case .alias:
            self = .null
        }
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// YAML 1.1 booleans as people write them.
    public var bool: Bool? {
        switch string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Strings of a list, or the single string as a list of one.
    public var strings: [String]? {
        switch self {
        case .string(let s): return [s]
        case .list(let items): return items.compactMap(\.string)
        case .null: return []
        case .map: return nil
        }
    }

    public subscript(key: String) -> MetadataValue? {
        if case .map(let pairs) = self { return pairs.last(where: { $0.key == key })?.value }
        return nil
    }

    /// The value as templates see it; null is `false`, which sections skip.
    public var templateValue: TemplateValue {
        switch self {
        case .string(let s): return .string(s)
        case .list(let items): return .list(items.map(\.templateValue))
        case .map(let pairs):
            var object: [String: TemplateValue] = [:]
            for (k, v) in pairs { object[k] = v.templateValue }
            return .object(object)
        case .null: return false
        }
    }
}
