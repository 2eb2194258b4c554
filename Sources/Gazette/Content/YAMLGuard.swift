// libYAML as Yams builds it (its `CYaml` module): the events, anchors included, before Yams
// composes them into nodes.
import CYaml

/// Front matter and `site.yml` need neither anchors nor aliases, and an alias is how a few
/// hundred bytes of YAML expand into gigabytes ("billion laughs"): Yams composes an alias into a
/// node shared with its anchor, but hashing a mapping's keys and reading the values walk every
/// copy. So a document with an anchor or an alias is refused before Yams composes it, from
/// libYAML's events, which are produced in one pass over the text whatever it holds. Nesting is
/// capped too, since composing is recursive.
enum YAMLGuard {
    /// Deeper than any front matter needs; libYAML stops with an error past it.
    static let maximumNesting: Int32 = 64

    struct Refusal: Error {
        /// 1-based, as Yams reports positions.
        var line: Int
        var column: Int
        var message: String
    }

    private static let configured: Void = {
        yaml_set_max_nest_level(maximumNesting)
    }()

    /// Throws when `yaml` holds an anchor (`&name`) or an alias (`*name`). Invalid YAML passes:
    /// Yams reads it next and reports the error in its own words.
    static func check(_ yaml: String) throws(Refusal) {
        _ = configured
        var text = yaml
        // Neither is possible without one of these two bytes: most documents are not scanned.
        let mayHold = text.withUTF8 { bytes in
            bytes.contains(UInt8(ascii: "&")) || bytes.contains(UInt8(ascii: "*"))
        }
        guard mayHold else { return }
        let found: Refusal? = text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let anchor: UnsafeMutablePointer<yaml_char_t>?
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_ALIAS_EVENT:
                    return Refusal(
                        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                        message: "YAML aliases (*\(name(event.data.alias.anchor))) are not allowed here: write the value out")
                case YAML_SCALAR_EVENT: anchor = event.data.scalar.anchor
                case YAML_SEQUENCE_START_EVENT: anchor = event.data.sequence_start.anchor
                case YAML_MAPPING_START_EVENT: anchor = event.data.mapping_start.anchor
                default: anchor = nil
                }
                if let anchor {
                    return Refusal(
                        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                        message: "YAML anchors (&\(name(anchor))) are not allowed here: write the value out")
                }
            }
            return nil
        }
        if let found { throw found }
    }

    private static func name(_ text: UnsafeMutablePointer<yaml_char_t>?) -> String {
        guard let text else { return "" }
        return String(decoding: String(cString: text).utf8.prefix(40), as: UTF8.self)
    }
}
