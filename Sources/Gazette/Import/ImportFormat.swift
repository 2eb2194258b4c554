/// What an input file is, told from its content rather than its name.
public enum ImportFormat: String, Sendable, Hashable, CaseIterable {
    case capture = "text capture"
    case htmlPage = "HTML page"
    case rss2 = "RSS 2.0"
    case rss1 = "RSS 1.0"
    case atom = "Atom"

    /// Tells the format of `bytes`, or why they cannot be imported at all (empty, binary).
    public static func detect(_ bytes: [UInt8]) throws(ImportError) -> ImportFormat {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw ImportError("the file is empty") }
        if isBinary(bytes) { throw ImportError("a binary file, not text, HTML or a feed") }
        guard bytes[start] == UInt8(ascii: "<") else {
            guard firstInvalidUTF8Offset(in: bytes) == nil else { throw ImportError("not UTF-8 text") }
            return .capture
        }
        let root = rootElementName(bytes, from: start)
        let local = root.split(separator: ":").last.map { $0.lowercased() } ?? ""
        switch local {
        case "rss": return .rss2
        case "rdf": return .rss1
        case "feed": return .atom
        default:
            // Text that merely starts with '<' (a title such as "<Breaking> …") is still a capture.
            let head = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self).lowercased()
            let looksLikeHTML = ["<html", "<body", "<head", "<p", "<div", "<article", "<main", "<!doctype html"].contains {
                head.contains($0)
            }
            if !looksLikeHTML, firstInvalidUTF8Offset(in: bytes) == nil { return .capture }
            return .htmlPage
        }
    }

    /// NUL bytes, or many control characters, in the first 8 KiB: no text file looks like that.
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        var controls = 0
        for b in sample {
            if b == 0 { return true }
            if b < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(b) { controls += 1 }
        }
        return controls * 100 > sample.count
    }

    /// The name of the first element, past the XML declaration, comments and a doctype.
    static func rootElementName(_ bytes: [UInt8], from start: Int) -> String {
        var i = start
        func skip(past terminator: [UInt8]) {
            while i < bytes.count {
                if bytes[i...].starts(with: terminator) { i += terminator.count; return }
                i += 1
            }
        }
        while i < bytes.count {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[i]) { i += 1 }
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "<") else { return "" }
            if bytes[i + 1] == UInt8(ascii: "?") {
                skip(past: Array("?>".utf8))
            } else if bytes[i...].starts(with: Array("<!--".utf8)) {
                skip(past: Array("-->".utf8))
            } else if bytes[i + 1] == UInt8(ascii: "!") {
                // A doctype may carry an internal subset in brackets, with '>' inside it.
                let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
                let open = bytes[i..<close].firstIndex(of: UInt8(ascii: "["))
                skip(past: open == nil ? [UInt8(ascii: ">")] : Array("]>".utf8))
            } else {
                var j = i + 1
                var name = ""
                while j < bytes.count, let c = Optional(bytes[j]),
                    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x3A || c == 0x2D || c == 0x5F
                        || c == 0x2E
                {
                    name.unicodeScalars.append(Unicode.Scalar(c))
                    j += 1
                }
                return name
            }
        }
        return ""
    }
}
