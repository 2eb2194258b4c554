import Foundation

/// The site's settings from `site.yml`. Every key has a default, so a folder with only
/// `content/` builds.
public struct SiteConfig: Sendable {
    public var title = "Gazette"
    public var description = ""
    /// Always ends with `/`.
    public var baseURL = "http://localhost:8000/"
    public var language = "en" {
        didSet { ogLocale = PageMetadata.ogLocale(language) }
    }
    /// `og:locale` for `language` (`en_US`), made once.
    public private(set) var ogLocale = "en_US"
    public var timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
    /// The IANA name as written (`Foundation` may call UTC "GMT").
    public var timeZoneName = "UTC"
    public var perPage = 20
    public var feedItems = 50
    /// Pass raw HTML in article bodies through to the page. Off by default: content from
    /// elsewhere must not be able to inject scripts.
    public var unsafeHTML = false
    /// Link pages as their `index.html` (`2022/03/12/slug/index.html`) rather than as folders,
    /// for reading the output straight from the file system.
    public var fileLinks = false
    /// Extra furniture lines that `gazette import` drops from captures (regular expressions).
    public var importDropLines: [String] = []
    /// Named publishing targets.
    public var publishTargets: [(name: String, target: String)] = []
    /// `canonical: original`: an article with an `original_url` names it as its canonical
    /// address (as Google asks of syndicated copies); otherwise its own permalink.
    public var canonicalOriginal = false
    /// `logo:`, the publisher's logo in NewsArticle markup: an absolute URL or a file of `static/`.
    public var logo: String?
    /// `news_name:`, the publication's name in the Google News sitemap (the title by default).
    public var newsName: String?
    /// A custom domain for hosts that want a CNAME file.
    public var domain: String?
    /// `edition_cutoff: "06:00"`: an edition (a day page, an item of the editions feed) runs
    /// from this wall-clock time to the same time the next day, in the site's time zone.
    /// Seconds after midnight; 0, midnight, by default.
    public var editionCutoff = 0
    /// `categories:`, the editor's names for categories: each name in the order the navigation
    /// lists them, with the other spellings that mean it (`Tech` for `Technology`).
    public var categories: [CategoryName] = []
    /// `home_layout: digest`: the home page lists headlines only, several columns wide on a
    /// desktop, as the day pages do; `summaries` (the default) gives each its summary.
    public var homeDigest = false
    /// The theme's words in `language`: set once the theme is read (`SiteInputs`).
    public var labels = Labels.english
    /// `ascii_slugs: true`: slugs of `a-z`, `0-9` and `-` only; text in another script gets a
    /// hash (`a-1ab30f80`) rather than its own letters.
    public var slugStyle: Slug.Style = .unicode
    /// Every key as written, for the templates (`site.params.*`).
    public var values: MetadataValue = .map([])

    public init() {}

    /// What is wrong with `categories:`.
    struct CategoriesProblem: Error, Sendable {
        var message: String
    }

    /// One category as `categories:` names it, and its aliases.
    public struct CategoryName: Sendable, Hashable {
        public var name: String
        public var aliases: [String]
    }

    public static let fileName = "site.yml"

    /// Reads `site.yml` text; `path` names the file in diagnostics.
    public static func parse(_ text: String, path: String = fileName) throws(BuildFailure) -> SiteConfig {
        var config = SiteConfig()
        let document: YAMLDocument
        do {
            document = try YAMLDocument(parsing: text)
        } catch {
            throw BuildFailure([Diagnostic(path: path, line: error.line, column: error.column, message: error.message)])
        }
        var problems: [Diagnostic] = []
        func problem(_ entry: YAMLDocument.Entry, _ message: String) {
            problems.append(Diagnostic(path: path, line: entry.line, column: entry.column, message: message))
        }
        func positiveInt(_ entry: YAMLDocument.Entry) -> Int? {
            guard let s = entry.value.string, let n = Int(s), n > 0 else {
                problem(entry, "\(entry.key): expected a whole number above 0")
                return nil
            }
            return n
        }
        config.values = .map(document.entries.map { ($0.key, $0.value) })
        var categoriesEntry: YAMLDocument.Entry?
        for entry in document.entries {
            switch entry.key {
            case "title", "description":
                let text = entry.value.string ?? ""
                if let bad = FrontMatter.firstControlCharacter(in: text, allowingNewlines: entry.key == "description") {
                    problem(entry, "\(entry.key): holds the control character \(bad), which cannot be shown; remove it")
                } else if entry.key == "title" {
                    config.title = entry.value.string ?? config.title
                } else {
                    config.description = text
                }
            case "language": config.language = entry.value.string ?? config.language
            case "base_url":
                switch Self.validatedBaseURL(entry.value.string ?? "") {
                case .success(let url): config.baseURL = url
                case .failure(let reason): problem(entry, "base_url: \(reason.message)")
                }
            case "timezone":
                guard let s = entry.value.string, let zone = TimeZone(identifier: s) else {
                    problem(
                        entry, "timezone: unknown time zone '\(entry.value.string ?? "")' (expected an IANA name such as Asia/Singapore)")
                    continue
                }
                config.timeZone = zone
                config.timeZoneName = s
            case "per_page": if let n = positiveInt(entry) { config.perPage = n }
            case "feed_items": if let n = positiveInt(entry) { config.feedItems = n }
            case "unsafe_html", "file_links", "ascii_slugs":
                guard let b = entry.value.bool else { problem(entry, "\(entry.key): expected true or false"); continue }
                switch entry.key {
                case "unsafe_html": config.unsafeHTML = b
                case "file_links": config.fileLinks = b
                default: config.slugStyle = b ? .ascii : .unicode
                }
            case "domain": config.domain = entry.value.string
            case "canonical":
                guard let c = entry.value.string, ["original", "permalink"].contains(c) else {
                    problem(entry, "canonical: expected 'original' (an article's original_url) or 'permalink' (its page here)")
                    continue
                }
                config.canonicalOriginal = c == "original"
            case "logo":
                guard let text = entry.value.string else { problem(entry, "logo: expected a URL or a path in static/"); continue }
                switch FrontMatter.imageReference(text) {
                case .success(let reference): config.logo = reference
                case .failure(let reason): problem(entry, "logo: \(reason.message)")
                }
            case "news_name": config.newsName = entry.value.string
            case "home_layout":
                guard let layout = entry.value.string, ["summaries", "digest"].contains(layout) else {
                    problem(entry, "home_layout: expected 'summaries' (headlines with their summaries) or 'digest' (headlines only)")
                    continue
                }
                config.homeDigest = layout == "digest"
            case "edition_cutoff":
                guard let text = entry.value.string, let seconds = Self.wallClock(text) else {
                    problem(entry, "edition_cutoff: expected a time of day such as \"06:00\" (hours 0-23, minutes 0-59)")
                    continue
                }
                config.editionCutoff = seconds
            case "categories":
                // Read once every key is known: the names' slugs follow `ascii_slugs`.
                categoriesEntry = entry
            case "import":
                if let lines = entry.value["drop_lines"] {
                    guard let list = lines.strings else { problem(entry, "import.drop_lines: expected a list of patterns"); continue }
                    for pattern in list where (try? NSRegularExpression(pattern: pattern)) == nil {
                        problem(entry, "import.drop_lines: '\(pattern)' is not a valid regular expression")
                    }
                    config.importDropLines = list
                }
            case "publish":
                guard case .map(let pairs) = entry.value else {
                    problem(entry, "publish: expected a mapping of names to targets"); continue
                }
                config.publishTargets = pairs.compactMap { pair in pair.value.string.map { (pair.key, $0) } }
            default: break
            }
        }
        if let entry = categoriesEntry {
            switch Self.categoryNames(entry.value, style: config.slugStyle) {
            case .success(let names): config.categories = names
            case .failure(let reason): problem(entry, "categories: \(reason.message)")
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
        return config
    }

    /// `"06:00"` as seconds after midnight.
    static func wallClock(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 3600 + m * 60
    }

    /// `categories:` as a list (the navigation's order) or a mapping. An entry is a name
    /// (`World`), a name with its aliases (`Technology: [Tech, IT]`), or an alias and the name it
    /// means (`Tech: Technology`).
    static func categoryNames(_ value: MetadataValue, style: Slug.Style = .unicode) -> Result<[CategoryName], CategoriesProblem> {
        var names: [CategoryName] = []
        func slug(_ text: String) -> String { Slug.make(text, style: style) }
        func add(_ name: String, aliases: [String]) {
            if let i = names.firstIndex(where: { slug($0.name) == slug(name) }) {
                names[i].aliases += aliases
            } else {
                names.append(CategoryName(name: name, aliases: aliases))
            }
        }
        func entry(_ key: String, _ value: MetadataValue) -> CategoriesProblem? {
            if case .null = value {
                add(key, aliases: [])
            } else if let list = value.strings, value.string == nil {
                add(key, aliases: list)
            } else if let name = value.string {
                add(name, aliases: slug(name) == slug(key) ? [] : [key])
            } else {
                return CategoriesProblem(message: "'\(key)': expected the name it stands for, or a list of its aliases")
            }
            return nil
        }
        switch value {
        case .list(let items):
            for item in items {
                if let name = item.string {
                    add(name, aliases: [])
                } else if case .map(let pairs) = item {
                    for pair in pairs { if let problem = entry(pair.key, pair.value) { return .failure(problem) } }
                } else {
                    return .failure(CategoriesProblem(message: "expected category names, or 'Name: [aliases]'"))
                }
            }
        case .map(let pairs):
            for pair in pairs { if let problem = entry(pair.key, pair.value) { return .failure(problem) } }
        default:
            return .failure(CategoriesProblem(message: "expected a list of category names, or a mapping of aliases to names"))
        }
        for name in names where slug(name.name).isEmpty {
            return .failure(CategoriesProblem(message: "'\(name.name)' makes no URL; use letters or digits"))
        }
        // An alias of two names would send a category to one of them by chance.
        var owner: [String: String] = [:]
        for name in names {
            for alias in [name.name] + name.aliases {
                let aliasSlug = slug(alias)
                if let other = owner[aliasSlug], other != name.name {
                    return .failure(CategoriesProblem(message: "'\(alias)' is given to both '\(other)' and '\(name.name)'"))
                }
                owner[aliasSlug] = name.name
            }
        }
        return .success(names)
    }

    /// Refuses a folder without `site.yml`: a command that would write into the folder
    /// (`.gazette/`, `content/`, `public/`) checks this first, so a mistyped `--site` changes nothing.
    public static func requireSite(_ siteDirectory: URL) throws(BuildFailure) {
        guard FileSystem.kind(siteDirectory.appendingPathComponent(fileName).path) == .missing else { return }
        throw BuildFailure([
            Diagnostic(
                path: fileName,
                message:
                    "no site.yml in \(siteDirectory.path): this is not a Gazette site; run 'gazette init' to make one, or create an empty site.yml"
            )
        ])
    }

    /// Reads `site.yml` in `siteDirectory`. The file marks a folder as a site, so it must be
    /// there (empty will do: every key has a default); a folder without it is refused rather
    /// than built, or filled with a `content/` folder by an import.
    public static func load(from siteDirectory: URL) throws(BuildFailure) -> SiteConfig {
        try requireSite(siteDirectory)
        let url = siteDirectory.appendingPathComponent(fileName)
        guard let bytes = FileSystem.readBytes(url.path) else {
            throw BuildFailure([
                Diagnostic(path: fileName, message: "cannot read site.yml: it is not a regular file, or it is not readable")
            ])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw BuildFailure([Diagnostic(path: fileName, message: "site.yml is not valid UTF-8")])
        }
        return try parse(text)
    }

    /// Why a `base_url` was refused.
    public struct BaseURLProblem: Error, Sendable {
        public var message: String
    }

    /// `text` as a base URL, ending with `/`, when it is an absolute http or https URL with a
    /// host, no query or fragment, no `.` or `..` in its path, and no character that would need
    /// escaping in HTML, XML or a URL (spaces, quotes, `<>`, non-ASCII). One rule for `site.yml`
    /// and `--base-url`: the URL is written as it is into every page, feed, sitemap and robots.txt.
    public static func validatedBaseURL(_ text: String) -> Result<String, BaseURLProblem> {
        func refuse(_ why: String) -> Result<String, BaseURLProblem> {
            .failure(
                BaseURLProblem(message: "'\(text)' is not usable: \(why); expected an absolute URL such as https://example.org/digest/"))
        }
        if text.isEmpty { return refuse("it is empty") }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/@!$&()*+,;=%".unicodeScalars)
        if let bad = text.unicodeScalars.first(where: { !allowed.contains($0) }) {
            let shown = bad.properties.isWhitespace ? "a space" : bad.value < 0x20 || bad.value == 0x7F ? "a control character" : "'\(bad)'"
            return refuse("it holds \(shown), which would need escaping")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme)
        else { return refuse("it is not an http or https URL") }
        guard let host = components.host, !host.isEmpty else { return refuse("it has no host") }
        if components.query != nil || components.fragment != nil { return refuse("it has a query or a fragment") }
        if components.path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            return refuse("its path holds '.' or '..'")
        }
        return .success(text.hasSuffix("/") ? text : text + "/")
    }

    /// The path part of `base_url`: `/digest/` for `https://example.org/digest/`.
    public var basePath: String {
        guard let url = URL(string: baseURL) else { return "/" }
        let p = url.path
        if p.isEmpty { return "/" }
        return p.hasSuffix("/") ? p : p + "/"
    }

    /// The absolute URL of `route`, from `base_url`: what canonical links, feeds and sitemaps
    /// name. ASCII throughout: a slug in another script is percent-encoded.
    public func absoluteURL(_ route: Route) -> String {
        baseURL + Route.encoded(route.path)
    }

    /// The absolute URL of an image reference (`FrontMatter.imageReference`): a URL as it is,
    /// a file of `static/` under `base_url`.
    public func absoluteImageURL(_ reference: String) -> String {
        Self.isAbsoluteImage(reference) ? reference : baseURL + Self.encodedPath(reference)
    }

    /// A file path as a URL path: each segment percent-encoded where a URL needs it.
    static func encodedPath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    static func isAbsoluteImage(_ reference: String) -> Bool {
        reference.hasPrefix("http://") || reference.hasPrefix("https://") || reference.contains("://")
    }
}
