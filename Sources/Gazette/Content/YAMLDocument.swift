import Yams

/// A YAML mapping with the position of each key, so that errors can point at the line.
struct YAMLDocument {
    struct Entry {
        var key: String
        var value: MetadataValue
        var node: Node
        /// Line and column of the value, relative to the YAML text (1-based).
        var line: Int
        var column: Int
    }

    var entries: [Entry]

    /// Parses `yaml`; a failure carries the position inside `yaml`.
    init(parsing yaml: String) throws(YAMLProblem) {
        do {
            try YAMLGuard.check(yaml)
        } catch {
            throw YAMLProblem(line: error.line, column: error.column, message: error.message)
        }
        let root: Node?
        do {
            // `.basic`: Gazette reads scalars itself, and skipping regex tag resolution halves the cost.
            // An explicit encoding spares Yams a look-up of the environment on every call. The
            // constructor only serves `Node.any`, which Gazette never calls (MetadataValue reads
            // the nodes): an empty one, where `.default` built three tables for every article.
            root = try Yams.compose(yaml: yaml, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            throw YAMLProblem(error)
        } catch {
            throw YAMLProblem(line: 1, column: 1, message: "invalid YAML: \(error)")
        }
        guard let root else {
            entries = []
            return
        }
        guard case .mapping(let mapping) = root else {
            let mark = root.mark
            throw YAMLProblem(line: mark?.line ?? 1, column: mark?.column ?? 1,
                              message: "expected a mapping of keys to values")
        }
        var result: [Entry] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                let mark = keyNode.mark
                throw YAMLProblem(line: mark?.line ?? 1, column: mark?.column ?? 1,
                                  message: "keys must be plain strings")
            }
            let mark = valueNode.mark ?? keyNode.mark
            result.append(Entry(key: key, value: MetadataValue(valueNode), node: valueNode,
                                line: mark?.line ?? 1, column: mark?.column ?? 1))
        }
        entries = result
    }

    subscript(key: String) -> Entry? {
        // Keys compared in place: `last(where:)` read each entry out (its Yams node and value
        // retained) to test it, for a dozen look-ups per article.
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
