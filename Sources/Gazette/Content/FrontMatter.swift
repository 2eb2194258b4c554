import Foundation

/// Splits a Markdown file into front matter and body, and reads the front matter into an `Article`.
public enum FrontMatter {
    /// An article file read: the article its front matter describes, and its Markdown body.
    public struct Parsed: Sendable {
        public var article: Article
        public var body: String
        /// What the file gets right but probably did not mean: a key that looks mistyped, tags
        /// written as one piece of text. Each depends on the file's bytes alone.
        public var warnings: [Diagnostic] = []
    }

    /// Every key Gazette reads or writes in front matter: an unknown key close to one of these is
    /// probably a typo of it. Any other key is the site's own metadata, kept without a word.
    public static let knownKeys = [
        "title", "date", "category", "tags", "source", "publisher", "author", "original_url", "canonical",
        "updated", "image", "image_alt", "image_width", "image_height", "image_caption", "image_credit", "story", "summary",
        "slug", "draft", "featured", ArticleWriter.idKey, ArticleWriter.hashKey,
    ]

    /// Parses one article file. `path` is the site-relative path used in diagnostics; `slugStyle`
    /// is site.yml's (`ascii_slugs`), for the article's and its category's slugs.
    public static func parseArticle(
        bytes: [UInt8], path: String, timeZone: TimeZone, slugStyle: Slug.Style = .unicode
    ) -> Result<Parsed, BuildFailure> {
        func fail(_ line: Int, _ column: Int, _ message: String) -> Result<Parsed, BuildFailure> {
            .failure(BuildFailure([Diagnostic(path: path, line: line, column: column, message: message)]))
        }
        if bytes.isEmpty { return fail(1, 1, "file is empty: expected front matter between '---' lines") }
        if let bad = firstInvalidUTF8Offset(in: bytes) {
            let pos = textPosition(ofByte: bad, in: bytes)
            return fail(pos.line, pos.column, "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad))")
        }
        var utf8 = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        // memchr: a generic `contains` is several times slower, for every file.
        let hasCR = utf8.withUnsafeBytes { bytes in
            bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\r")), bytes.count) != nil } ?? false
        }
        if hasCR { utf8 = normalizedLineEndings(utf8) }
        guard let split = splitFrontMatter(utf8) else {
            if utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
                return fail(1, 1, "file is empty: expected front matter between '---' lines")
            }
            return fail(1, 1, "missing front matter: an article starts with a '---' line, then YAML, then '---'")
        }
        guard let yaml = split.yaml else {
            return fail(split.openLine, 1, "unterminated front matter: no closing '---' line after the opening one")
        }
        // YAML line 1 is the line after the opening '---'.
        let lineOffset = split.openLine
        let document: YAMLDocument
        do {
            document = try YAMLDocument(parsing: yaml)
        } catch {
            return fail(error.line + lineOffset, error.column, error.message)
        }
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        // Near misses of known keys, by the key they miss. A key the article also has is not
        // missed: the near miss is then taken as the site's own (`image` and `images`).
        var nearMisses: [String: YAMLDocument.Entry] = [:]
        for entry in document.entries where !knownKeys.contains(entry.key) {
            guard let known = NearMiss.closest(to: entry.key, among: knownKeys), document[known] == nil,
                nearMisses[known] == nil
            else { continue }
            nearMisses[known] = entry
        }
        /// Keys whose value was found wrong already: one message for each.
        var reported = Set<String>()
        func problem(_ entry: YAMLDocument.Entry?, _ message: String, columnDelta: Int = 0) {
            if let entry { reported.insert(entry.key) }
            problems.append(
                Diagnostic(
                    path: path, line: (entry?.line ?? 0) + lineOffset, column: (entry?.column ?? 1) + columnDelta,
                    message: message))
        }
        func string(_ key: String, multiline: Bool = false) -> String? {
            guard let entry = document[key] else { return nil }
            switch entry.value {
            case .string(let s):
                if let bad = firstControlCharacter(in: s, allowingNewlines: multiline) {
                    problem(entry, "\(key): holds the control character \(bad), which cannot be shown; remove it")
                    return nil
                }
                let t = trimmed(s)
                return t.isEmpty ? nil : t
            case .null: return nil
            default:
                problem(entry, "\(key): expected text")
                return nil
            }
        }
        func required(_ key: String) -> String? {
            if let value = string(key) { return value }
            if let entry = document[key] {
                // A value of the wrong type, or with a control character, was reported already.
                if !reported.contains(key), entry.value.string != nil || entry.value == .null {
                    problem(entry, "\(key): must not be empty")
                }
            } else {
                problems.append(missing(key))
            }
            return nil
        }
        /// A required key that is not there, at the near miss when there is one.
        func missing(_ key: String) -> Diagnostic {
            guard let miss = nearMisses.removeValue(forKey: key) else {
                return Diagnostic(path: path, line: lineOffset, column: 1, message: "missing required key '\(key)'")
            }
            let line = miss.keyLine + lineOffset
            return Diagnostic(
                path: path, line: line, column: miss.keyColumn,
                message: "missing required key '\(key)' (found '\(miss.key)' on line \(line); did you mean '\(key)'?)")
        }
        func timestamp(_ key: String) -> Timestamp? {
            guard let entry = document[key] else { return nil }
            guard let s = entry.value.string else {
                problem(entry, "\(key): expected an ISO 8601 date such as 2022-03-12 or 2022-03-12T05:02:00+08:00")
                return nil
            }
            do {
                return try ISO8601Reader.read(s, in: timeZone)
            } catch {
                problem(entry, "\(key): '\(s)' is not a date: \(error.message)", columnDelta: error.offset + (entry.isQuotedScalar ? 1 : 0))
                return nil
            }
        }

        let title = required("title")
        let category = required("category")
        let hasDate = document["date"] != nil
        let date = timestamp("date")
        if !hasDate { problems.append(missing("date")) }
        let updated = timestamp("updated")
        var tags: [String] = []
        if let entry = document["tags"] {
            if case .string(let text) = entry.value, text.contains(",") {
                // `tags: Russia, security` is one string in YAML: read as the list it was meant to be.
                tags = text.split(separator: ",").map { trimmed(String($0)) }.filter { !$0.isEmpty }
                if let bad = tags.lazy.compactMap({ firstControlCharacter(in: $0, allowingNewlines: false) }).first {
                    problem(entry, "tags: holds the control character \(bad), which cannot be shown; remove it")
                }
                let list = tags.map { $0.contains(where: { ":#'\"[]{}".contains($0) }) ? ArticleWriter.quoted($0) : $0 }
                warnings.append(
                    .warning(
                        path: path, line: entry.line + lineOffset, column: entry.column,
                        "tags: '\(text)' is one piece of text, read as \(tags.count) tags; write a list: tags: [\(list.joined(separator: ", "))]"
                    ))
            } else if let list = entry.value.strings {
                if let bad = list.lazy.compactMap({ firstControlCharacter(in: $0, allowingNewlines: false) }).first {
                    problem(entry, "tags: holds the control character \(bad), which cannot be shown; remove it")
                }
                tags = list.map(trimmed).filter { !$0.isEmpty }
            } else {
                problem(entry, "tags: expected a list such as [Russia, security]")
            }
        }
        var draft = false
        if let entry = document["draft"] {
            if let b = entry.value.bool { draft = b } else { problem(entry, "draft: expected true or false") }
        }
        var featured = false
        if let entry = document["featured"] {
            if let b = entry.value.bool { featured = b } else { problem(entry, "featured: expected true or false") }
        }
        // They reach `<img width height>` as written: a whole number of pixels or nothing.
        for key in ["image_width", "image_height"] {
            if let entry = document[key], entry.value != .null {
                if let n = entry.value.string.flatMap({ Int($0) }), n > 0, n <= 100_000 { continue }
                problem(entry, "\(key): expected a whole number of pixels such as 1200")
            }
        }
        var slug: String?
        if let given = string("slug") {
            slug = Slug.make(given, style: slugStyle)
        } else if let entry = document["slug"], entry.value.string != nil || entry.value == .null {
            // Left empty, it would silently become the title's slug, which moves with the title.
            problem(entry, "slug: must not be empty (leave the key out to take the slug from the title)")
        }
        var originalURL = string("original_url")
        if let u = originalURL, URL(string: u)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            problem(document["original_url"], "original_url: expected an absolute http or https URL")
            originalURL = nil
        }
        var image = string("image")
        if let given = image {
            switch Self.imageReference(given) {
            case .success(let reference): image = reference
            case .failure(let reason):
                problem(document["image"], "image: \(reason.message)")
                image = nil
            }
        }
        let imageAlt = string("image_alt")
        var canonical = string("canonical")
        if let c = canonical, !["original", "permalink"].contains(c) {
            problem(document["canonical"], "canonical: expected 'original' (the original_url) or 'permalink' (this site's page)")
            canonical = nil
        } else if canonical == "original", originalURL == nil, document["original_url"] == nil {
            problem(document["canonical"], "canonical: 'original' needs an original_url")
            canonical = nil
        }
        let source = string("source"), publisher = string("publisher"), author = string("author")
        var story = string("story")
        if let given = story {
            // An article address without its slashes at the ends: 2024/03/12/quake-hits.
            let key = given.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            if key.isEmpty || key.contains(where: { $0.isWhitespace }) {
                problem(document["story"], "story: expected the address of the story's first article, such as 2024/03/12/quake-hits")
                story = nil
            } else {
                story = key
            }
        }
        let summary = string("summary", multiline: true)
        for (known, miss) in nearMisses {
            warnings.append(
                .warning(
                    path: path, line: miss.keyLine + lineOffset, column: miss.keyColumn,
                    "unknown key '\(miss.key)'; did you mean '\(known)'?"))
        }
        // The warnings go with the errors: a file is fixed once, not twice.
        if !problems.isEmpty { return .failure(BuildFailure(problems + warnings)) }
        guard let title, let category, let date else {
            return fail(1, 1, "missing required front matter")
        }
        let categorySlug = Slug.make(category, style: slugStyle)
        let article = Article(
            path: path, title: title, date: date, updated: updated, category: category, categorySlug: categorySlug,
            tags: tags, source: source, publisher: publisher, author: author,
            originalURL: originalURL, image: image, imageAlt: imageAlt, canonical: canonical, summary: summary,
            slug: slug ?? Slug.make(title, style: slugStyle), story: story, draft: draft, featured: featured,
            metadata: .map(document.entries.map { ($0.key, $0.value) }), bodyLine: split.bodyLine)
        return .success(Parsed(article: article, body: split.body, warnings: warnings.sorted()))
    }

    /// Where the value of `key` starts in the front matter of `bytes` (file line and column),
    /// for a problem found after the file was read: the build reads it again only then.
    static func position(ofKey key: String, in bytes: [UInt8]) -> (line: Int, column: Int)? {
        let utf8 = normalizedLineEndings(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
        guard let split = splitFrontMatter(utf8), let yaml = split.yaml,
            let entry = (try? YAMLDocument(parsing: yaml))?[key]
        else { return nil }
        return (entry.line + split.openLine, entry.column)
    }

    struct ImageProblem: Error {
        var message: String
    }

    /// `image:` as the article keeps it: an absolute http(s) URL as written, or a path into
    /// `static/` (`/images/a.jpg`, `images/a.jpg` and `static/images/a.jpg` all name
    /// `static/images/a.jpg`) without its leading `/`. The plan checks that the file is there.
    static func imageReference(_ text: String) -> Result<String, ImageProblem> {
        if let scheme = URL(string: text)?.scheme?.lowercased() {
            guard ["http", "https"].contains(scheme), URL(string: text)?.host?.isEmpty == false else {
                return .failure(ImageProblem(message: "expected an absolute http or https URL, or a path to a file in static/"))
            }
            return .success(text)
        }
        // `//host/…` is a URL without its scheme, which a page would fetch from that host.
        if text.hasPrefix("//") {
            return .failure(ImageProblem(message: "'\(text)' has no scheme: write https://…, or a path to a file in static/"))
        }
        var path = Substring(text)
        if path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasPrefix(StaticFiles.folder + "/") { path = path.dropFirst(StaticFiles.folder.count + 1) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.isEmpty || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
            || path.contains(where: { $0 == "?" || $0 == "#" || $0 == ":" || $0 == "\\" })
        {
            return .failure(ImageProblem(message: "'\(text)' is not a path to a file in static/ (such as images/quake.jpg)"))
        }
        return .success(String(path))
    }

    struct Split {
        /// nil when the front matter never closes.
        var yaml: String?
        /// The line of the opening '---'.
        var openLine: Int
        var body: String
        var bodyLine: Int
    }

    /// CRLF and lone CR become LF, so that positions and fences read the same on every system.
    static func normalizedLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    /// Finds `---\n…\n---` at the start of the file, scanning bytes (far cheaper than splitting lines).
    static func splitFrontMatter(_ utf8: [UInt8]) -> Split? {
        // Leading blank lines are forgiven; anything else before '---' is not front matter.
        var start = 0
        var line = 1
        while start < utf8.count, utf8[start] == UInt8(ascii: "\n") { start += 1; line += 1 }
        func isFence(at i: Int) -> Int? {
            // Returns the index after the fence line (past its newline), if the line at i is `---` or `...`.
            guard i + 3 <= utf8.count else { return nil }
            let c = utf8[i]
            guard c == UInt8(ascii: "-") || c == UInt8(ascii: "."), utf8[i + 1] == c, utf8[i + 2] == c else { return nil }
            var j = i + 3
            while j < utf8.count, utf8[j] == UInt8(ascii: " ") || utf8[j] == UInt8(ascii: "\t") { j += 1 }
            if j == utf8.count { return j }
            return utf8[j] == UInt8(ascii: "\n") ? j + 1 : nil
        }
        guard start < utf8.count, utf8[start] == UInt8(ascii: "-"), let afterOpen = isFence(at: start) else { return nil }
        let openLine = line
        line += 1
        var i = afterOpen
        while i < utf8.count {
            if let afterClose = isFence(at: i) {
                let yaml = String(decoding: utf8[afterOpen..<i], as: UTF8.self)
                let body = String(decoding: utf8[afterClose...], as: UTF8.self)
                return Split(yaml: yaml, openLine: openLine, body: body, bodyLine: line + 1)
            }
            while i < utf8.count, utf8[i] != UInt8(ascii: "\n") { i += 1 }
            i += 1
            line += 1
        }
        return Split(yaml: nil, openLine: openLine, body: "", bodyLine: line)
    }

    /// The first character of `s` that is a control character (C0 but tab, and newline when
    /// `allowingNewlines`; DEL; C1), written as `U+0007`. YAML's escapes (`"\x07"`, `"\e"`) make
    /// such characters, which no page can show and XML 1.0 forbids.
    static func firstControlCharacter(in s: String, allowingNewlines: Bool) -> String? {
        var s = s
        let clean = s.withUTF8 { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }
        }
        if clean { return nil }
        for c in s.unicodeScalars {
            let v = c.value
            if v == 0x09 || (allowingNewlines && (v == 0x0A || v == 0x0D)) { continue }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
                let hex = String(v, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return nil
    }

    /// Whitespace trimmed from both ends, without a round trip through NSString.
    static func trimmed(_ s: String) -> String {
        // Most values start and end with ASCII that is not whitespace: nothing to trim.
        if let first = s.utf8.first, let last = s.utf8.last, first < 0x80, last < 0x80,
            !(0x09...0x0D).contains(first), first != 0x20, !(0x09...0x0D).contains(last), last != 0x20
        {
            return s
        }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return s }
        return String(scalars[first...last])
    }
}
