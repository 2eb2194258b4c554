/// What a request's path asks for, decided from the text alone before the disk is touched.
///
/// The path is decoded exactly once. Anything that could climb out of the output folder or mean
/// one thing to this check and another to the file system is refused outright rather than
/// cleaned up: `..` and `.` segments, encoded slashes, backslashes, NUL bytes and percent
/// sequences that would decode a second time into one of those.
enum RequestPath: Equatable, Sendable {
    /// A path below the base path: relative to the output folder, without a leading `/`
    /// (`""` for the base path itself). `isFolder` is true when it ended with `/`.
    case site(relative: String, isFolder: Bool)
    /// Send the client to `location` (an already encoded path).
    case redirect(location: String)
    /// A well-formed path outside the base path, or one naming a hidden file.
    case notFound
    /// A path no page of the site could have; answered with this status.
    case rejected(Status)

    enum Status: Int, Sendable {
        case badRequest = 400
        case uriTooLong = 414
    }

    static let maximumLength = 4096

    /// - Parameters:
    ///   - raw: the request target's path as sent, still percent-encoded, without the query.
    ///   - basePath: the site's base path, starting and ending with `/` (`/digest/`).
    static func parse(_ raw: String, basePath: String) -> RequestPath {
        let bytes = Array(raw.utf8)
        guard bytes.count <= maximumLength else { return .rejected(.uriTooLong) }
        guard bytes.first == UInt8(ascii: "/") else { return .rejected(.badRequest) }
        // A backslash or a NUL is a path separator or terminator somewhere; an encoded slash would
        // hide a separator from the segment check below.
        guard !bytes.contains(UInt8(ascii: "\\")), !bytes.contains(0) else { return .rejected(.badRequest) }
        guard let decoded = percentDecode(bytes) else { return .rejected(.badRequest) }
        if containsEncoded(bytes, oneOf: [0x2F]) { return .rejected(.badRequest) }
        // Double encoding: what is left after one decoding must not decode into a separator or a dot.
        if decoded.contains(0) || decoded.contains(UInt8(ascii: "\\"))
            || containsEncoded(decoded, oneOf: [0x2F, 0x2E, 0x5C, 0x00, 0x25])
        {
            return .rejected(.badRequest)
        }
        let path = String(decoding: decoded, as: UTF8.self)
        guard Array(path.utf8) == decoded else { return .rejected(.badRequest) }  // not valid UTF-8

        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            if segment == ".." || segment == "." { return .rejected(.badRequest) }
            // An empty segment is only allowed as the last one: the trailing slash of a folder.
            if segment.isEmpty && index != segments.count - 1 { return .rejected(.badRequest) }
            if segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return .rejected(.badRequest)
            }
        }

        if basePath != "/" {
            if path == "/" || path + "/" == basePath {
                return .redirect(location: encode(basePath))
            }
            guard path.hasPrefix(basePath) else { return .notFound }
        }
        let relative = String(path.dropFirst(basePath.count))
        if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return .notFound }
        return .site(
            relative: relative.hasSuffix("/") ? String(relative.dropLast()) : relative,
            isFolder: relative.isEmpty || relative.hasSuffix("/"))
    }

    /// Decodes `%XX` sequences once; nil for a `%` that is not followed by two hex digits.
    static func percentDecode(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                    return nil
                }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    static func containsEncoded(_ bytes: [UInt8], oneOf values: Set<UInt8>) -> Bool {
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]),
                values.contains(high << 4 | low)
            {
                return true
            }
            i += 1
        }
        return false
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-encodes a decoded path for a `Location` header or a request line.
    static func encode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }
}
