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
    /// libyaml's contexts for something opened and not closed, and what the user wrote to open it.
    static let unclosed = [
        "while scanning a quoted scalar": "this quoted text",
        "while parsing a flow sequence": "this '['",
        "while parsing a flow mapping": "this '{'",
    ]

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
        case let .scanner(context, problem, mark, yaml),
            let .parser(context, problem, mark, yaml),
            let .composer(context, problem, mark, yaml):
            if let context, let opened = Self.unclosed[context.text] {
                // libyaml notices an unclosed quote or bracket where it gives up, often at the end
                // of the document; the mistake is where the quote or bracket opens, which its
                // context marks.
                self.init(
                    line: context.mark.line, column: context.mark.column,
                    message: "invalid YAML: \(opened) is never closed (libyaml: \(problem))")
                return
            }
            let detail = context.map { "\($0.text) " } ?? ""
            let said = "(libyaml: \(detail)\(problem))"
            if problem == "mapping values are not allowed in this context" {
                // A ': ' that libyaml cannot take as a key's: either inside a value on the key's
                // own line, or the key of a line indented under a value, which reads as more of
                // that value. The second starts at the line's first character.
                let text = Self.line(mark.line, of: yaml)
                let indent = text.prefix { $0 == " " }.count
                let before = text.dropFirst(indent).prefix(max(0, mark.column - 1 - indent))
                if indent > 0, !before.contains(": ") {
                    self.init(
                        line: mark.line, column: indent + 1,
                        message: "invalid YAML: this line is indented under a value, so it reads as more of that value; "
                            + "line its key up with the keys above \(said)")
                } else {
                    self.init(
                        line: mark.line, column: mark.column,
                        message: "invalid YAML: ': ' inside a value; put the value in quotes \(said)")
                }
                return
            }
            if problem == "did not find expected key" {
                self.init(
                    line: mark.line, column: mark.column,
                    message: "invalid YAML: expected a key at this line's indentation; line it up with the lines above \(said)")
                return
            }
            self.init(line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case let .reader(problem, _, _, _):
            self.init(line: 1, column: 1, message: "invalid YAML: \(problem)")
        default:
            self.init(line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    /// Line `number` (1-based) of `text`, empty past its end.
    static func line(_ number: Int, of text: String) -> Substring {
        var rest = Substring(text)
        for _ in 1..<max(1, number) {
            guard let end = rest.firstIndex(of: "\n") else { return "" }
            rest = rest[rest.index(after: end)...]
        }
        return rest.prefix { $0 != "\n" }
    }
}
