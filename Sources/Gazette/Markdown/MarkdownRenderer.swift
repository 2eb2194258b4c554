import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CommonMark to HTML through libcmark. The only file in Gazette that touches C pointers.
public struct MarkdownRenderer: Sendable {
    public struct Output: Sendable, Hashable {
        public var html: String
        /// The first paragraphs with text of their own (not only an image), as HTML and as
        /// plain text: the summary is the first that does not repeat the headline.
        public var paragraphs: [Paragraph]

        public var firstParagraphHTML: String { paragraphs.first?.html ?? "" }
        public var firstParagraphText: String { paragraphs.first?.text ?? "" }
    }

    public struct Paragraph: Sendable, Hashable {
        public var html: String
        public var text: String
    }

    /// How many paragraphs `Output.paragraphs` holds at most.
    static let summaryCandidates = 2

    /// Raw HTML in the Markdown is dropped unless `allowRawHTML` (site.yml `unsafe_html: true`).
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }

    var options: Int32 {
        // cmark ≥ 0.29 is safe by default; CMARK_OPT_UNSAFE turns raw HTML back on. No
        // CMARK_OPT_VALIDATE_UTF8: the text comes from a Swift String, always valid UTF-8.
        var o = CMARK_OPT_SMART
        if allowRawHTML { o |= CMARK_OPT_UNSAFE }
        return o
    }

    /// The HTML of `markdown`, and its first paragraphs unless `paragraphs` is false (an
    /// article whose front matter gives its summary, or a body rendered again for its page).
    public func render(_ markdown: String, paragraphs wanted: Bool = true) -> Output {
        let opts = options
        // By length, not as a C string: a NUL in the text must not cut the article short.
        var text = markdown
        let parsed: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, opts) }
        }
        guard let document = parsed else {
            return Output(html: "", paragraphs: [])
        }
        defer { cmark_node_free(document) }
        let html = Self.lazyImages(Self.html(of: document, options: opts))
        var paragraphs: [Paragraph] = []
        // Top-level paragraphs only: a summary should not be a list item or a quote. A
        // paragraph of images alone (an article led by a photo) has no text to summarise.
        var child = cmark_node_first_child(document)
        while wanted, let node = child, paragraphs.count < Self.summaryCandidates {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                let text = Self.plainText(of: node)
                if text.contains(where: { !$0.isWhitespace }) {
                    paragraphs.append(Paragraph(html: Self.html(of: node, options: opts), text: text))
                }
            }
            child = cmark_node_next(node)
        }
        return Output(html: html, paragraphs: paragraphs)
    }

    /// Images in the body load as the reader scrolls to them. cmark writes every image as
    /// `<img src="…" alt="…" />`; raw HTML (with `unsafe_html`) is left as written. Searched as
    /// bytes: Foundation's string search costs more than rendering the Markdown.
    static func lazyImages(_ html: String) -> String {
        let needle = Array("<img src=\"".utf8)
        let attributes = Array("loading=\"lazy\" decoding=\"async\" ".utf8)
        var text = html
        let rewritten: String? = text.withUTF8 { bytes in
            // Each `<` found by memchr, then compared with the needle.
            func next(from start: Int) -> Int? {
                var i = start
                while i < bytes.count, let base = bytes.baseAddress,
                    let hit = memchr(base + i, Int32(UInt8(ascii: "<")), bytes.count - i)
                {
                    let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    if bytes.count - at >= needle.count, needle.indices.allSatisfy({ bytes[at + $0] == needle[$0] }) { return at }
                    i = at + 1
                }
                return nil
            }
            guard var hit = next(from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 256)
            var i = 0
            while true {
                // After `<img `: the attributes go first.
                out.append(contentsOf: bytes[i..<hit + 5])
                out.append(contentsOf: attributes)
                i = hit + 5
                guard let found = next(from: i) else { break }
                hit = found
            }
            out.append(contentsOf: bytes[i...])
            return String(decoding: out, as: UTF8.self)
        }
        return rewritten ?? html
    }

    static func html(of node: OpaquePointer, options: Int32) -> String {
        guard let buffer = cmark_render_html(node, options) else { return "" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    /// The text a reader sees: literal text and code, breaks as spaces, markup and images
    /// (their alt text describes a picture, not the story) dropped.
    static func plainText(of root: OpaquePointer) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(root) else { return "" }
        defer { cmark_iter_free(iterator) }
        var inImage = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                inImage += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard event == CMARK_EVENT_ENTER, inImage == 0 else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { out += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            default:
                break
            }
        }
        return out
    }
}
