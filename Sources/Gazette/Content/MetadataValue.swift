import Yams

/// A front matter or site.yml value, kept as written so that templates see every key,
/// including the ones Gazette does not know.
/// Not `indirect`: lists and maps hold their values in arrays already, and boxing every value
/// (each string of each article's front matter) cost an allocation apiece.
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

    /// The value as template data: strings, arrays and dictionaries that Mustache reads.
    public var templateValue: Any {
        switch self {
        case .string(let s): return s
        case .list(let items): return items.map(\.templateValue)
        case .map(let pairs):
            var dict: [String: Any] = [:]
            for (k, v) in pairs { dict[k] = v.templateValue }
            return dict
        case .null: return false
        }
    }
}

/// A `MetadataValue`, or the bytes the build cache encoded it as, decoded on each read.
/// Equal when the values are equal, however each is held.
struct LazyMetadata: Sendable, Hashable {
    private enum Source: Sendable {
        case value(MetadataValue)
        /// The cache file's bytes (shared, not copied) and where in them the value is.
        case encoded([UInt8], Range<Int>)
    }

    private var source: Source

    init(_ value: MetadataValue) {
        source = .value(value)
    }

    /// `bytes` hold one value as `BuildCache.writeValue` writes it (the cache is checksummed
    /// before anything is read from it).
    init(encoded bytes: [UInt8], range: Range<Int>) {
        source = .encoded(bytes, range)
    }

    var value: MetadataValue {
        switch source {
        case .value(let value): return value
        case .encoded(let bytes, let range):
            var reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
            return (try? BuildCache.readValue(&reader)) ?? .null
        }
    }

    /// `value[key]`, without decoding the other keys when the value is held encoded: templates
    /// ask articles for names they do not have on every page.
    subscript(key: String) -> MetadataValue? {
        guard case .encoded(let bytes, let range) = source else { return value[key] }
        var reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
        // A map (2), its count, then key and value pairs; the last pair with the key wins.
        guard (try? reader.int()) == 2, let count = try? reader.int(), count >= 0 else { return nil }
        var found: Int?
        for _ in 0..<count {
            guard let matches = try? reader.stringEquals(key) else { return nil }
            if matches { found = reader.offset }
            guard (try? BuildCache.skipValue(&reader)) != nil else { return nil }
        }
        guard let found else { return nil }
        var valueReader = ByteReader(bytes, from: found, to: range.upperBound)
        return try? BuildCache.readValue(&valueReader)
    }

    /// The encoded bytes, when that is how the value is held.
    var encoded: ArraySlice<UInt8>? {
        if case .encoded(let bytes, let range) = source { return bytes[range] }
        return nil
    }

    static func == (a: LazyMetadata, b: LazyMetadata) -> Bool { a.value == b.value }
    func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
}
