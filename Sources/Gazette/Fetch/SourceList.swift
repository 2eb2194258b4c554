import Foundation
import Yams

/// One live source that `gazette fetch` reads: a feed's address and how its items are filed.
public struct FetchSource: Sendable, Hashable {
    /// How the run names the source, and the key of its state under `.gazette/fetch/`.
    public var name: String
    /// An absolute http or https URL.
    public var url: String
    /// Every item's category, overriding the feed's own (which become tags), as `import --category`.
    public var category: String?
    /// Added to every item's tags.
    public var tags: [String] = []
    /// The feed carries only teasers: read each new item's page for the whole article.
    public var fullText = false

    public init(name: String, url: String, category: String? = nil, tags: [String] = [], fullText: Bool = false) {
        self.name = name
        self.url = url
        self.category = category
        self.tags = tags
        self.fullText = fullText
    }
}

/// Reads the list of sources: `sources.yml` at the site root, or an OPML subscription list (how
/// feed readers export theirs), told apart by content. Every problem is reported at once, at its
/// place; a list with any problem is refused whole, so that a typo never silently drops a source.
public enum SourceList {
    public static let fileName = "sources.yml"

    /// `path` is shown in diagnostics as given; `displayPath` lets the caller name it site-relative.
    public static func load(path: String, displayPath: String? = nil) throws(BuildFailure) -> [FetchSource] {
        let shown = displayPath ?? path
        guard let bytes = FileSystem.readBytes(path) else {
            throw BuildFailure([
                Diagnostic(path: shown, message: "cannot read the sources file: it is missing, not a regular file, or not readable")
            ])
        }
        // A list of sources is small; a file this big is a mistake (or hostile), not a list.
        guard bytes.count <= 8 << 20 else {
            throw BuildFailure([Diagnostic(path: shown, message: "the sources file is over 8 MB")])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw BuildFailure([Diagnostic(path: shown, message: "the sources file is not valid UTF-8")])
        }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("<") {
            return try parseOPML(bytes, path: shown)
        }
        return try parseYAML(text, path: shown)
    }

    // MARK: sources.yml

    /// A YAML list of mappings (`name`, `url`, optional `category`, `tags`, `full_text`), or a
    /// mapping whose `sources:` key holds that list.
    public static func parseYAML(_ text: String, path: String) throws(BuildFailure) -> [FetchSource] {
        func failure(_ line: Int, _ column: Int, _ message: String) -> BuildFailure {
            BuildFailure([Diagnostic(path: path, line: line, column: column, message: message)])
        }
        do {
            try YAMLGuard.check(text)
        } catch {
            throw failure(error.line, error.column, error.message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            let problem = YAMLProblem(error)
            throw failure(problem.line, problem.column, problem.message)
        } catch {
            throw failure(1, 1, "invalid YAML: \(error)")
        }
        guard let root else { return [] }
        var list = root
        if case .mapping(let mapping) = root {
            guard let sources = mapping["sources"] else {
                throw failure(root.mark?.line ?? 1, root.mark?.column ?? 1, "expected a list of sources, or a 'sources:' key holding one")
            }
            list = sources
        }
        guard case .sequence(let items) = list else {
            if case .scalar(let s) = list, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
            throw failure(list.mark?.line ?? 1, list.mark?.column ?? 1, "expected a list of sources (each '- name: …' with 'url: …')")
        }

        var sources: [FetchSource] = []
        var diagnostics: [Diagnostic] = []
        var seenNames: [String: Int] = [:]
        for item in items {
            let itemLine = item.mark?.line ?? 1
            let itemColumn = item.mark?.column ?? 1
            func problem(_ node: Node?, _ message: String) {
                diagnostics.append(
                    Diagnostic(path: path, line: node?.mark?.line ?? itemLine, column: node?.mark?.column ?? itemColumn, message: message))
            }
            guard case .mapping(let mapping) = item else {
                problem(item, "each source is a mapping with 'name:' and 'url:'")
                continue
            }
            var fields: [String: Node] = [:]
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.string else { problem(keyNode, "keys must be plain strings"); continue }
                guard known.contains(key) else {
                    problem(keyNode, "unknown key '\(key)' (expected \(known.sorted().map { "'\($0)'" }.joined(separator: ", ")))")
                    continue
                }
                fields[key] = valueNode
            }
            func string(_ key: String) -> String? {
                guard let node = fields[key] else { return nil }
                guard case .scalar(let scalar) = node else { problem(node, "\(key): expected text"); return nil }
                let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
                if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    problem(node, "\(key): control characters are not allowed")
                    return nil
                }
                return value
            }
            let name = string("name")
            let url = string("url")
            let category = string("category")
            var tags: [String] = []
            if let node = fields["tags"] {
                switch node {
                case .sequence(let list):
                    for tag in list {
                        guard case .scalar(let s) = tag else { problem(tag, "tags: expected a list of text"); continue }
                        let t = s.string.trimmingCharacters(in: .whitespaces)
                        if !t.isEmpty { tags.append(t) }
                    }
                case .scalar(let s):
                    tags = s.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                default:
                    problem(node, "tags: expected a list of text")
                }
            }
            var fullText = false
            if let node = fields["full_text"] {
                switch node.scalar?.string.lowercased() {
                case "true", "yes", "on": fullText = true
                case "false", "no", "off": fullText = false
                default: problem(node, "full_text: expected true or false")
                }
            }
            guard let name, !name.isEmpty else {
                problem(fields["name"], "a source needs a 'name:'")
                continue
            }
            if let first = seenNames[name.lowercased()] {
                problem(fields["name"], "a second source named '\(name)' (the first is on line \(first))")
                continue
            }
            seenNames[name.lowercased()] = fields["name"]?.mark?.line ?? itemLine
            guard let url, !url.isEmpty else {
                problem(fields["url"], "source '\(name)' needs a 'url:'")
                continue
            }
            guard let checked = checkedURL(url) else {
                problem(fields["url"], "url: '\(url)' is not an http or https URL with a host")
                continue
            }
            if let category, category.isEmpty {
                problem(fields["category"], "category: must not be empty")
                continue
            }
            sources.append(FetchSource(name: name, url: checked, category: category, tags: tags, fullText: fullText))
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return sources
    }

    static let known: Set<String> = ["name", "url", "category", "tags", "full_text"]

    /// `text` when it is an absolute http(s) URL with a host; nothing else is fetched.
    public static func checkedURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        return text
    }

    // MARK: OPML

    /// Every `<outline>` with an `xmlUrl`, at any depth; its `text` (or `title`) is the name, and
    /// the folder outline it sits in, if any, is its category, as feed readers file them.
    public static func parseOPML(_ bytes: [UInt8], path: String) throws(BuildFailure) -> [FetchSource] {
        let root: MarkupNode
        do {
            root = try LibXML.parseXML(bytes)
        } catch {
            throw BuildFailure([Diagnostic(path: path, line: max(1, error.line), message: "not well-formed OPML: \(error.message)")])
        }
        guard root.name.lowercased() == "opml", let body = root.child(named: "body") else {
            throw BuildFailure([Diagnostic(path: path, message: "expected an OPML document (<opml> with a <body>) or a YAML list")])
        }
        var sources: [FetchSource] = []
        var diagnostics: [Diagnostic] = []
        var names = Set<String>()
        func visit(_ node: MarkupNode, folder: String?) {
            for outline in node.children(named: "outline") {
                let title = (outline.attribute("text") ?? outline.attribute("title")).map(HTMLToMarkdown.foldWhitespace)
                if let xmlURL = outline.attribute("xmlUrl")?.trimmingCharacters(in: .whitespaces) {
                    guard let url = checkedURL(xmlURL) else {
                        diagnostics.append(
                            Diagnostic(path: path, message: "outline '\(title ?? xmlURL)': '\(xmlURL)' is not an http or https URL"))
                        continue
                    }
                    var name = title.flatMap { $0.isEmpty ? nil : $0 } ?? URLComponents(string: url)?.host ?? url
                    // Two subscriptions with one title stay two sources.
                    var n = 2
                    let base = name
                    while !names.insert(name.lowercased()).inserted {
                        name = "\(base) (\(n))"
                        n += 1
                    }
                    sources.append(FetchSource(name: name, url: url, category: folder))
                } else {
                    visit(outline, folder: title.flatMap { $0.isEmpty ? nil : $0 } ?? folder)
                }
            }
        }
        visit(body, folder: nil)
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return sources
    }

    /// What `gazette init` writes: every source commented out, so that a new site fetches nothing
    /// until the editor says what to read.
    public static let example = """
        # The sources `gazette fetch` reads: RSS, Atom or RDF feeds, over http or https.
        #
        #   name       how the run and `gazette fetch --status` name the source (required)
        #   url        the feed's address (required)
        #   category   file every item in this category; the feed's own become tags
        #   tags       added to every item
        #   full_text  true when the feed carries only teasers: each new item's page is read
        #              for the whole article (falling back to the feed's text)
        #
        # An OPML export from a feed reader works too: gazette fetch --sources subscriptions.opml

        # - name: Example Wire
        #   url: https://news.example.org/world/rss.xml
        #   category: World
        #   tags: [wire]
        #
        # - name: Example Business Daily
        #   url: https://business.example.com/feed.atom
        #   full_text: true

        """
}
