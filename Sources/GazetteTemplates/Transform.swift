/// A swift-mustache 2.1.1 transform, `{{name(value)}}`, resolved when the template is compiled.
///
/// Each applies to the kinds of value that swift-mustache defines it for and gives nil (so the
/// tag renders as a missing value) for any other, as does a name that is no transform.
enum Transform: Sendable, Equatable {
    case first, last, index, even, odd
    case count, empty, reversed, sorted, enumerated
    case capitalized, lowercased, uppercased
    case plusone, minusone, equalzero
    case unknown

    init(_ name: String) {
        switch name {
        case "first": self = .first
        case "last": self = .last
        case "index": self = .index
        case "even": self = .even
        case "odd": self = .odd
        case "count": self = .count
        case "empty": self = .empty
        case "reversed": self = .reversed
        case "sorted": self = .sorted
        case "enumerated": self = .enumerated
        case "capitalized": self = .capitalized
        case "lowercased": self = .lowercased
        case "uppercased": self = .uppercased
        case "plusone": self = .plusone
        case "minusone": self = .minusone
        case "equalzero": self = .equalzero
        default: self = .unknown
        }
    }

    /// The transform of the position in a list section (`{{#first()}}`, `{{index()}}`).
    func apply(to position: SequencePosition) -> TemplateValue? {
        switch self {
        case .first: return .bool(position.first)
        case .last: return .bool(position.last)
        case .index: return .int(position.index)
        case .even: return .bool(position.index & 1 == 0)
        case .odd: return .bool(position.index & 1 == 1)
        default: return nil
        }
    }

    /// The transform of a value, as swift-mustache's `MustacheTransformable` conformances of
    /// `String`, `Int`, `Array` and `Dictionary` define it.
    func apply(to value: TemplateValue) -> TemplateValue? {
        switch value {
        case .string(let string):
            switch self {
            case .empty: return .bool(string.isEmpty)
            case .capitalized: return .string(Capitalization.capitalized(string))
            case .lowercased: return .string(string.lowercased())
            case .uppercased: return .string(string.uppercased())
            case .reversed: return .string(String(string.reversed()))
            default: return nil
            }
        case .int(let int):
            switch self {
            case .equalzero: return .bool(int == 0)
            // Wrapping: swift-mustache traps on `Int.max + 1`.
            case .plusone: return .int(int &+ 1)
            case .minusone: return .int(int &- 1)
            case .even: return .bool(int & 1 == 0)
            case .odd: return .bool(int & 1 == 1)
            default: return nil
            }
        case .list(let list):
            switch self {
            case .first: return list.first
            case .last: return list.last
            case .reversed: return .list(list.reversed())
            case .count: return .int(list.count)
            case .empty: return .bool(list.isEmpty)
            case .sorted: return Self.sorted(list)
            default: return nil
            }
        case .object(let object):
            switch self {
            case .count: return .int(object.count)
            case .empty: return .bool(object.isEmpty)
            case .enumerated:
                return .list(object.map { .view(DictionaryEntry(key: $0.key, value: $0.value)) })
            case .sorted:
                return .list(object.sorted { $0.key < $1.key }.map { .view(DictionaryEntry(key: $0.key, value: $0.value)) })
            default: return nil
            }
        case .bool, .view, .null:
            return nil
        }
    }

    /// swift-mustache sorts only arrays of a `Comparable` element type: here, a list whose
    /// elements are all strings or all integers (an empty list sorts to itself).
    private static func sorted(_ list: [TemplateValue]) -> TemplateValue? {
        var strings: [String] = []
        var ints: [Int] = []
        for element in list {
            switch element {
            case .string(let s) where ints.isEmpty: strings.append(s)
            case .int(let i) where strings.isEmpty: ints.append(i)
            default: return nil
            }
        }
        if !ints.isEmpty { return .list(ints.sorted().map { .int($0) }) }
        return .list(strings.sorted().map { .string($0) })
    }
}
