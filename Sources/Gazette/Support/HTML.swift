/// Escaping for HTML and XML text and attribute values.
public enum HTML {
    /// `& < > " '` as entities. Every variable of every page goes through it: the bytes are
    /// scanned in place, and text that needs escaping is written into one allocation, copying
    /// the runs between the five characters.
    public static func escape(_ s: String) -> String {
        var text = s
        return text.withUTF8 { bytes -> String? in
            var extra = 0
            for byte in bytes {
                if let entity = entity(for: byte) { extra += entity.utf8CodeUnitCount - 1 }
            }
            guard extra > 0 else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count + extra) { out in
                var j = 0
                for byte in bytes {
                    guard let entity = entity(for: byte) else {
                        out[j] = byte
                        j += 1
                        continue
                    }
                    entity.withUTF8Buffer { e in
                        for b in e { out[j] = b; j += 1 }
                    }
                }
                return j
            }
        } ?? s
    }

    /// The entity that stands for `byte` in escaped text, if it needs one. The same five as the
    /// template engine's `{{value}}` (GazetteTemplates, which depends on nothing of Gazette's,
    /// keeps its own table): text escaped here reads the same in a page as a template's value.
    @inline(__always)
    static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
    }

    /// XML 1.0 text: escaped, and without the control characters XML forbids.
    public static func escapeXML(_ s: String) -> String {
        escape(withoutForbiddenXML(s))
    }

    /// `s` without the characters XML 1.0 forbids (`isForbiddenInXML`). Scans bytes: each is
    /// a C0 control byte (tab, LF and CR aside) or U+FFFE/U+FFFF, EF BF BE/BF in UTF-8.
    static func withoutForbiddenXML(_ s: String) -> String {
        var s = s
        let clean = s.withUTF8 { bytes -> Bool in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20, b != 0x9, b != 0xA, b != 0xD { return false }
                if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] & 0xFE == 0xBE { return false }
                i += 1
            }
            return true
        }
        return clean ? s : String(String.UnicodeScalarView(s.unicodeScalars.filter { !isForbiddenInXML($0) }))
    }

    static func isForbiddenInXML(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v < 0x20 && v != 0x9 && v != 0xA && v != 0xD) || v == 0xFFFE || v == 0xFFFF
    }
}
