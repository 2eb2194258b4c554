/// What partials rendered over objects that name themselves, kept from one render to the next
/// so that the same partial over the same object is written again without being rendered.
///
/// A site lists each article on several pages (its category's, each tag's, its source's), and
/// each listing renders the same item partial over the same article. An object that returns a
/// `renderingIdentity` promises that every object of its type with that identity answers every
/// key alike, and so does every value it gives; a partial rendered over it then depends on it
/// only, and on the names the partial finds below it on the context stack (`{{t.more}}` on
/// the page). Those names and what they gave are kept with the output, and the output is
/// reused only where each of them gives the same again: the result is byte for byte what
/// rendering would write.
///
/// Not reused, and not kept: a parent call (`{{<name}}`), and a partial that expands a block
/// (`{{$name}}`, which the calls around it may override) or finds a list or an object below
/// the object (a value that cannot be compared cheaply).
///
/// One memo serves one thread: pass it to `TemplateLibrary.render(_:template:into:memo:)`
/// render after render. It holds at most `limit` bytes of output and forgets everything when
/// full.
public struct PartialMemo: Sendable {
    struct Key: Hashable {
        let program: ObjectIdentifier
        let type: ObjectIdentifier
        let identity: Int
        /// The indentation the partial is written with (its lines start with it).
        let indentation: [UInt8]
    }

    struct Dependency: Sendable {
        let program: Program
        let name: Program.Name
        let value: TemplateValue?
    }

    struct Entry: Sendable {
        /// Held so that the key's identifier stays this program's.
        let program: Program
        let bytes: [UInt8]
        let dependencies: [Dependency]
    }

    var entries: [Key: Entry] = [:]
    private var size = 0
    public let limit: Int
    /// Partials written from the memo, and rendered (and kept) instead: for tests and tuning.
    public internal(set) var reused = 0
    public internal(set) var rendered = 0

    public init(limit: Int = 32 << 20) {
        self.limit = limit
    }

    mutating func keep(_ entry: Entry, for key: Key) {
        if size + entry.bytes.count > limit {
            entries.removeAll()
            size = 0
        }
        size += entry.bytes.count
        entries[key] = entry
    }

    /// Whether two values that a name gave are the same: compared only for values that compare
    /// cheaply (an object by its identity); nil when they cannot be compared.
    static func same(_ a: TemplateValue?, _ b: TemplateValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.string(let x)?, .string(let y)?): return x == y
        case (.bool(let x)?, .bool(let y)?): return x == y
        case (.int(let x)?, .int(let y)?): return x == y
        case (.null?, .null?): return true
        case (.view(let x)?, .view(let y)?): return x === y
        default: return false
        }
    }

    /// Whether a value can be kept as a dependency: `same(_:_:)` can tell it again.
    static func comparable(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil, .string?, .bool?, .int?, .null?, .view?: return true
        case .list?, .object?: return false
        }
    }
}
