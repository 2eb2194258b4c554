import Foundation

/// Renders an imported article as a Markdown file with YAML front matter, and reads back the two
/// keys that make re-imports safe: `import_id` (which article this is) and `import_hash` (a hash
/// of the file as written, so that a file a person has edited since is recognised and left alone).
struct ArticleWriter: Sendable {
    /// The zone the date is written in, and whose calendar day names the folder.
    var timeZone: TimeZone

    static let hashKey = "import_hash"
    static let idKey = "import_id"

    /// `content/2022/03/12/`, by the article's local date.
    func folder(for article: ImportedArticle) -> String {
        let c = article.date.converted(to: timeZone).civil
        return "\(ContentLoader.contentFolder)/\(pad(c.year, 4))/\(pad(c.month))/\(pad(c.day))/"
    }

    /// The whole file. `stem` is the file name without `.md`, written as `slug:` too, so that the
    /// page's address is the file's name and does not follow later edits of the title.
    /// `story`: the key of the story the article is a version of (`story:`), when it is one.
    /// `stamped`: with `import_id` and `import_hash`, for an imported article; an article that
    /// a person starts (`gazette new`) is theirs from the start and has neither.
    func render(
        _ article: ImportedArticle, category: String, tags: [String], stem: String, story: String? = nil, draft: Bool = false,
        stamped: Bool = true
    ) -> String {
        var lines = ["---"]
        func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(key): \(Self.quoted(value))")
        }
        add("title", Self.singleLine(article.title))
        let date = article.date.converted(to: timeZone)
        let c = date.civil
        if date.offset % 60 == 0 {
            lines.append(
                "date: \(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))\(date.offsetString(colon: true, zulu: false))"
            )
        } else {
            // An offset with seconds has no ISO 8601 form: the instant in UTC.
            lines.append("date: \(date.iso8601)")
        }
        add("category", Self.singleLine(category))
        if !tags.isEmpty { lines.append("tags: [" + tags.map { Self.quoted(Self.singleLine($0)) }.joined(separator: ", ") + "]") }
        add("source", article.source.map(Self.singleLine))
        add("publisher", article.publisher.map(Self.singleLine))
        add("author", article.author.map(Self.singleLine))
        add("original_url", article.originalURL)
        add("image", article.image)
        add("image_alt", article.imageAlt.map(Self.singleLine))
        add("image_caption", article.imageCaption.map(Self.singleLine))
        add("image_credit", article.imageCredit.map(Self.singleLine))
        if article.image != nil, let width = article.imageWidth, let height = article.imageHeight {
            lines.append("image_width: \(width)")
            lines.append("image_height: \(height)")
        }
        add("summary", article.summary)
        add("story", story)
        // Always written: the address stays the same when the editor changes the title.
        add("slug", stem)
        if draft { lines.append("draft: true") }
        if stamped { add(Self.idKey, article.identity) }
        lines.append("---")
        let body = article.body.trimmingCharacters(in: .newlines)
        let unsigned = lines.joined(separator: "\n") + "\n" + body + (body.isEmpty ? "" : "\n")
        return stamped ? Self.sign(unsigned) : unsigned
    }

    /// Adds `import_hash:` as the front matter's last line.
    static func sign(_ unsigned: String) -> String {
        let hash = ContentHash.hex(of: unsigned)
        guard let close = unsigned.range(of: "\n---\n") else { return unsigned }
        return String(unsigned[..<close.lowerBound]) + "\n\(hashKey): \"\(hash)\"" + String(unsigned[close.lowerBound...])
    }

    struct Stamp: Sendable, Hashable {
        var id: String
        /// The outlet the file was imported from.
        var source: String?
        /// `story:` as the file has it (perhaps as the editor set it).
        var story: String? = nil
        /// True when the file is exactly as Gazette wrote it.
        var untouched: Bool
    }

    /// The import stamp of an existing file, if it has one.
    static func stamp(of text: String) -> Stamp? {
        guard text.hasPrefix("---\n"), text.contains("\n\(idKey):") else { return nil }
        guard let split = FrontMatter.splitFrontMatter(Array(text.utf8)), let yaml = split.yaml,
            let document = try? YAMLDocument(parsing: yaml),
            let id = document[idKey]?.value.string
        else { return nil }
        let source = document["source"]?.value.string
        let story = document["story"]?.value.string
        guard let stored = document[hashKey]?.value.string else { return Stamp(id: id, source: source, story: story, untouched: false) }
        // Remove the hash line as written and hash the rest, as `sign(_:)` did.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let i = lines.firstIndex(where: { $0.hasPrefix("\(hashKey):") }) else {
            return Stamp(id: id, source: source, story: story, untouched: false)
        }
        lines.remove(at: i)
        return Stamp(id: id, source: source, story: story, untouched: ContentHash.hex(of: lines.joined(separator: "\n")) == stored)
    }

    /// `text` as one line that a page can show: line breaks become spaces and other control
    /// characters (which `gazette build` refuses in such fields) are dropped.
    static func singleLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            switch c.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: out.append(" ")
            case 0x09: out.append(c)
            case 0..<0x20, 0x7F, 0x80..<0xA0: continue
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// A YAML double-quoted scalar: valid for any text, read back exactly.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case "\u{FEFF}": out += "\\uFEFF"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) {
                    out += String(format: "\\x%02X", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
