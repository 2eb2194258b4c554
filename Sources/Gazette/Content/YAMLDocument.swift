import Yams

/// A YAML mapping with the position of each key, so that errors can point at the line.
struct YAMLDocument {
    struct Entry: Sendable, Hashable {
        var key: String
        var value: MetadataValue
        /// Line and column of the value, relative to the YAML text (1-based).
        var line: Int
        var column: Int
        /// The value is a single- or double-quoted scalar (its text starts a column later).
        var isQuotedScalar: Bool
        /// Line and column of the key: where a problem with the key itself is shown.
        var keyLine: Int
        var keyColumn = 1
    }

    var entries: [Entry]

    /// Parses `yaml`; a failure carries the position inside `yaml`. The common flat front
    /// matter takes the fast path (`FlatFrontMatter`); Yams decides everything else.
    init(parsing yaml: String) throws(YAMLProblem) {
        if let entries = FlatFrontMatter.parse(yaml) {
            self.entries = entries
            return
        }
        do {
            try YAMLGuard.check(yaml)
        } catch {
            throw YAMLProblem(line: error.line, column: error.column, message: error.message)
        }
        entries = try Self.composed(yaml)
    }

    /// The entries as Yams composes them: what the fast path must equal wherever it answers.
    static func composed(_ yaml: String) throws(YAMLProblem) -> [Entry] {
        let root: Node?
        do {
            // `.basic`: Gazette reads scalars itself. The constructor only serves `Node.any`,
            // which Gazette never calls (MetadataValue reads the nodes): an empty one will do.
            root = try Yams.compose(yaml: yaml, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            throw YAMLProblem(error)
        } catch {
            throw YAMLProblem(line: 1, column: 1, message: "invalid YAML: \(error)")
        }
        guard let root else { return [] }
        guard case .mapping(let mapping) = root else {
            let mark = root.mark
            throw YAMLProblem(
                line: mark?.line ?? 1, column: mark?.column ?? 1,
                message: "expected a mapping of keys to values")
        }
        var result: [Entry] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                let mark = keyNode.mark
                throw YAMLProblem(
                    line: mark?.line ?? 1, column: mark?.column ?? 1,
                    message: "keys must be plain strings")
            }
            let mark = valueNode.mark ?? keyNode.mark
            let quoted = valueNode.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            result.append(
                Entry(
                    key: key, value: MetadataValue(valueNode), line: mark?.line ?? 1, column: mark?.column ?? 1,
                    isQuotedScalar: quoted, keyLine: keyNode.mark?.line ?? 1, keyColumn: keyNode.mark?.column ?? 1))
        }
        return result
    }

    subscript(key: String) -> Entry? {
        // The last entry with the key wins, as in a YAML mapping read by people.
        var i = entries.count - 1
        while i >= 0 {
            if entries[i].key == key { return entries[i] }
            i -= 1
        }
        return nil
    }
}

struct YAMLProblem: Error {
    var line: Int
    var column: Int
    var message: String

    init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            self.init(line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case let .reader(problem, _, _, _):
            self.init(line: 1, column: 1, message: "invalid YAML: \(problem)")
        default:
            self.init(line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }
}
