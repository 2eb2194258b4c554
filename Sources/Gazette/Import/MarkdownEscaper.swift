import Foundation

/// Turns plain text into CommonMark that shows every character literally.
///
/// A capture is plain text: an asterisk in a headline is an asterisk, `<b>` is four characters and
/// `1. ` at the start of a line is not a list. Gazette renders with smart punctuation on, so straight
/// quotes, `--` and `...` are escaped too, or they would come out curled and joined.
enum MarkdownEscaper {
    /// Escapes text that stands inside a line: emphasis, code, links, raw HTML, entities, smart punctuation.
    static func inline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "\"", "'":
                out += "\\"
                out.unicodeScalars.append(c)
            case "-", ".":
                // Smart punctuation joins `--` into a dash and `...` into an ellipsis; a lone one is safe.
                let before = i > 0 && scalars[i - 1] == c
                let after = i + 1 < scalars.count && scalars[i + 1] == c
                if before || after { out += "\\" }
                out.unicodeScalars.append(c)
            case "\u{0}":
                out += "\u{FFFD}"
            default:
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes what a line's first characters would start: a heading, a list, a setext underline
    /// or a fence. `line` is already escaped with `inline(_:)` or is Markdown that Gazette made.
    static func lineStart(_ line: String) -> String {
        guard let first = line.unicodeScalars.first else { return line }
        switch first {
        case "#", "-", "+", "=", "~":
            return "\\" + line
        case "0"..."9":
            // `1. ` and `1) ` start an ordered list: escape the mark after the digits.
            let digits = line.unicodeScalars.prefix(while: { ("0"..."9").contains($0) })
            let rest = line.unicodeScalars.dropFirst(digits.count)
            guard digits.count <= 9, let mark = rest.first, mark == "." || mark == ")" else { return line }
            return String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(rest))
        default:
            return line
        }
    }

    /// A paragraph of plain text: each line trimmed (so that none becomes code or a hard break),
    /// escaped, and guarded at its start.
    static func paragraph(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { lineStart(inline($0)) }
            .joined(separator: "\n")
    }

    /// A heading's text: like a line, and a closing `#` is kept (ATX headings would drop it).
    static func headingText(_ escaped: String) -> String {
        escaped.hasSuffix("#") ? String(escaped.dropLast()) + "\\#" : escaped
    }
}
