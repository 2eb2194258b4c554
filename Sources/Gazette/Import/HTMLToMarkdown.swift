import Foundation

/// Converts an HTML tree (a page's article, a feed item's content) into CommonMark.
///
/// It is also the sanitizer: only an allow-list of constructs comes out (paragraphs, headings,
/// emphasis, code, links, images, lists, quotes, rules), text is escaped so that it can never turn
/// into raw HTML, scripts, styles, frames, embeds and forms are dropped with their content, no
/// attribute but a link's or an image's address survives, and addresses must pass `SafeURL`.
struct HTMLToMarkdown: Sendable {
    var urls: SafeURL
    /// Extra elements to drop with their content (a page reader drops the page's furniture).
    var droppedElements: Set<String> = []
    /// Drops elements whose class or id names page furniture (share bars, related stories, ads).
    var dropsFurnitureClasses = false

    init(base: URL? = nil) {
        urls = SafeURL(base: base)
    }

    /// Never converted, content and all: code, embedded documents, forms, navigation, metadata.
    static let alwaysDropped: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
        "form", "input", "button", "select", "option", "textarea", "label", "fieldset", "nav", "svg", "math",
        "canvas", "video", "audio", "source", "track", "map", "area", "head", "title", "meta", "link", "base",
        "dialog", "portal", "param", "menu",
    ]

    static let voidElements: Set<String> = ["embed", "input", "param", "source", "track", "area", "base", "link", "meta", "keygen"]

    static let containers: Set<String> = [
        "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "figure", "address",
        "center", "details", "hgroup", "tbody", "thead", "tfoot", "dl", "caption", "picture",
    ]
    static let paragraphs: Set<String> = ["p", "figcaption", "summary", "dt", "dd", "legend"]
    static let furnitureWords = [
        "share", "social", "related", "comment", "newsletter", "advert", "promo", "subscribe",
        "breadcrumb", "byline", "sidebar", "cookie", "popup",
    ]

    /// The Markdown for the children of `node`, blocks separated by blank lines.
    func convert(_ node: MarkupNode) -> String {
        blocks(of: node.children).joined(separator: "\n\n")
    }

    /// Converts `nodes` into blocks of Markdown.
    func blocks(of nodes: [MarkupNode]) -> [String] {
        var writer = BlockWriter()
        for node in nodes { walk(node, into: &writer) }
        writer.endParagraph()
        return writer.blocks
    }

    /// The plain text of an HTML fragment, whitespace folded: for titles and summaries.
    static func plainText(of node: MarkupNode) -> String {
        var out = ""
        func visit(_ n: MarkupNode) {
            if n.kind == .text { out += n.text; return }
            if alwaysDropped.contains(n.name) && !voidElements.contains(n.name) { return }
            if n.name == "br" || paragraphs.contains(n.name) || containers.contains(n.name) { out += " " }
            for c in n.children { visit(c) }
            if paragraphs.contains(n.name) || containers.contains(n.name) { out += " " }
        }
        visit(node)
        return foldWhitespace(out)
    }

    static func foldWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace && $0 != "\u{A0}" }).joined(separator: " ")
    }

    private func isDropped(_ node: MarkupNode) -> Bool {
        if Self.alwaysDropped.contains(node.name) || droppedElements.contains(node.name) { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        if let style = node.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
            style.contains("display:none")
        {
            return true
        }
        if dropsFurnitureClasses {
            let names = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
            if !names.isEmpty, Self.furnitureWords.contains(where: { names.contains($0) }) { return true }
            if let role = node.attribute("role")?.lowercased(), ["navigation", "complementary", "banner", "contentinfo"].contains(role) {
                return true
            }
        }
        return false
    }

    private func walk(_ node: MarkupNode, into writer: inout BlockWriter) {
        if node.kind == .text {
            writer.text(node.text)
            return
        }
        if isDropped(node) {
            // An empty element cannot hold content; what the parser put inside one (libxml2 nests
            // what follows `<embed>`) belongs to the page, so only the element itself goes.
            if Self.voidElements.contains(node.name) {
                for child in node.children { walk(child, into: &writer) }
            }
            return
        }
        let name = node.name
        switch name {
        case "figcaption":
            // A caption (and the credit in it) stays a caption: its own paragraph, in italics,
            // under the image it follows.
            writer.endParagraph()
            writer.open("_", close: "_")
            for child in node.children { walk(child, into: &writer) }
            writer.close()
            writer.endParagraph()
        case _ where Self.containers.contains(name) || Self.paragraphs.contains(name):
            writer.endParagraph()
            for child in node.children { walk(child, into: &writer) }
            writer.endParagraph()
        case "h1", "h2", "h3", "h4", "h5", "h6":
            writer.endParagraph()
            let text = inlineText(of: node.children)
            if !text.isEmpty {
                let level = Int(name.dropFirst()) ?? 2
                writer.blocks.append(String(repeating: "#", count: level) + " " + MarkdownEscaper.headingText(text))
            }
        case "ul", "ol", "menu":
            writer.endParagraph()
            if let list = self.list(node) { writer.blocks.append(list) }
        case "li":
            // A list item outside a list: a list of one.
            writer.endParagraph()
            if let list = self.list(.element("ul", children: [node])) { writer.blocks.append(list) }
        case "blockquote":
            writer.endParagraph()
            let inner = blocks(of: node.children).joined(separator: "\n\n")
            if !inner.isEmpty {
                writer.blocks.append(
                    inner.split(separator: "\n", omittingEmptySubsequences: false)
                        .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n"))
            }
        case "pre":
            writer.endParagraph()
            var code = node.textContent
            if code.hasPrefix("\n") { code.removeFirst() }
            while code.hasSuffix("\n") { code.removeLast() }
            if !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let fence = String(repeating: "`", count: max(3, Self.longestRun(of: "`", in: code) + 1))
                writer.blocks.append(fence + "\n" + code + "\n" + fence)
            }
        case "hr":
            writer.endParagraph()
            writer.blocks.append("* * *")
        case "table":
            writer.endParagraph()
            for row in node.descendants(where: { $0.name == "tr" }) {
                let cells = row.elements.filter { $0.name == "td" || $0.name == "th" }
                    .map { inlineText(of: $0.children) }.filter { !$0.isEmpty }
                if !cells.isEmpty { writer.blocks.append(MarkdownEscaper.lineStart(cells.joined(separator: " | "))) }
            }
        case "br":
            writer.hardBreak()
        case "em", "i", "cite", "dfn", "var":
            writer.open("*", close: "*")
            for child in node.children { walk(child, into: &writer) }
            writer.close()
        case "strong", "b":
            writer.open("**", close: "**")
            for child in node.children { walk(child, into: &writer) }
            writer.close()
        case "code", "kbd", "samp", "tt":
            let code = Self.foldWhitespace(node.textContent)
            if !code.isEmpty { writer.markup(Self.codeSpan(code)) }
        case "a":
            if let href = node.attribute("href").flatMap(urls.resolve) {
                writer.open("[", close: "](" + SafeURL.markdownDestination(href) + ")")
                for child in node.children { walk(child, into: &writer) }
                writer.close()
            } else {
                for child in node.children { walk(child, into: &writer) }
            }
        case "img":
            // A tracking pixel (1×1, often with an empty alt) is no picture: kept, it would be a
            // blank gap in the article.
            let size = ["width", "height"].compactMap { node.attribute($0).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
            if size.contains(where: { $0 <= 2 }) { break }
            // A lazy-loading page puts a placeholder (`data:`) in `src` and the picture in
            // `data-src`: the first address that resolves is the picture.
            let source = ["src", "data-src", "data-original"].lazy.compactMap { node.attribute($0).flatMap(urls.resolve) }.first
            if let src = source {
                let alt = MarkdownEscaper.inline(Self.foldWhitespace(node.attribute("alt") ?? ""))
                writer.markup("![" + alt + "](" + SafeURL.markdownDestination(src) + ")")
            }
        default:
            // Any other element (span, small, sup, abbr, mark, time, font, custom tags) is transparent.
            for child in node.children { walk(child, into: &writer) }
        }
    }

    /// Inline Markdown for a heading or a table cell: its blocks on one line.
    private func inlineText(of nodes: [MarkupNode]) -> String {
        blocks(of: nodes).joined(separator: " ").replacingOccurrences(of: "\\\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    private func list(_ node: MarkupNode) -> String? {
        let ordered = node.name == "ol"
        // CommonMark list numbers have at most nine digits; anything larger (or hostile) starts at 1.
        let start = Int(node.attribute("start")?.trimmingCharacters(in: .whitespaces) ?? "") ?? 1
        var number = ordered && (0...999_999_000).contains(start) ? start : 1
        var items: [String] = []
        var loose = false
        for item in node.children where item.isElement && !isDropped(item) {
            let content = item.name == "li" ? blocks(of: item.children) : blocks(of: [item])
            guard !content.isEmpty else { continue }
            if content.count > 1 { loose = true }
            let marker = ordered ? "\(number). " : "- "
            number += 1
            let indent = String(repeating: " ", count: marker.count)
            let lines = content.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
            var text = marker + lines[0]
            for line in lines.dropFirst() { text += "\n" + (line.isEmpty ? "" : indent + line) }
            items.append(text)
        }
        return items.isEmpty ? nil : items.joined(separator: loose ? "\n\n" : "\n")
    }

    static func codeSpan(_ code: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: code) + 1)
        let pad = code.hasPrefix("`") || code.hasSuffix("`") || (code.hasPrefix(" ") && code.hasSuffix(" ")) ? " " : ""
        return fence + pad + code + pad + fence
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for c in text {
            if c == character { current += 1; longest = max(longest, current) } else { current = 0 }
        }
        return longest
    }
}

/// Collects paragraphs while the converter walks: folds whitespace as a browser does, keeps
/// emphasis markers next to the words they wrap, and drops markers that would wrap nothing.
private struct BlockWriter {
    var blocks: [String] = []
    private var line = ""
    private var pendingSpace = false
    /// Open inline elements; `emitted` once their opening marker has been written.
    private var open: [(open: String, close: String, emitted: Bool)] = []

    mutating func text(_ raw: String) {
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            emitPending()
            line += MarkdownEscaper.inline(word)
            word = ""
        }
        for c in raw {
            if c.isWhitespace && c != "\u{A0}" {
                flushWord()
                if !line.isEmpty && !line.hasSuffix("\n") { pendingSpace = true }
            } else {
                word.append(c)
            }
        }
        flushWord()
    }

    /// Writes the pending space and the opening markers that wait for content.
    private mutating func emitPending() {
        if pendingSpace {
            line += " "
            pendingSpace = false
        }
        for i in open.indices where !open[i].emitted {
            line += open[i].open
            open[i].emitted = true
        }
    }

    mutating func markup(_ markdown: String) {
        emitPending()
        line += markdown
    }

    mutating func open(_ marker: String, close: String) {
        open.append((marker, close, false))
    }

    mutating func close() {
        guard let last = open.popLast() else { return }
        if last.emitted { line += last.close }
    }

    mutating func hardBreak() {
        guard !line.isEmpty, !line.hasSuffix("\n") else { return }
        // Markers cannot span lines cleanly; close them and open them again after the break.
        closeEmitted()
        line += "\\\n"
        pendingSpace = false
    }

    private mutating func closeEmitted() {
        for i in open.indices.reversed() where open[i].emitted {
            line += open[i].close
            open[i].emitted = false
        }
    }

    mutating func endParagraph() {
        closeEmitted()
        pendingSpace = false
        while line.hasSuffix("\\\n") { line.removeLast(2) }
        let lines = line.split(separator: "\n").map { MarkdownEscaper.lineStart(String($0).trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.isEmpty }
        if !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
        line = ""
    }
}
