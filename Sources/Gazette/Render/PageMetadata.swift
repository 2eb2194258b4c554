import GazetteTemplates

/// What a page says of itself to search engines, feed readers and link previews: Open Graph and
/// Twitter `<meta>` tags, and schema.org JSON-LD (`NewsArticle` on an article's page, `WebSite`
/// on the home page). Each value is escaped for where it goes: the templates escape the
/// `<meta>` values, and `JSONObject` makes the JSON-LD safe to stand inside `<script>`.
enum PageMetadata {
    /// `<meta {{attribute}}="{{name}}" content="{{content}}">`: `property` for Open Graph,
    /// `name` for Twitter. A view rather than a dictionary: an article page has a score of them.
    final class MetaTag: TemplateObject {
        let attribute: String
        let name: String
        let content: String

        init(attribute: String, name: String, content: String) {
            self.attribute = attribute
            self.name = name
            self.content = content
        }

        func value(forKey key: String) -> TemplateValue? {
            switch key {
            case "attribute": .string(attribute)
            case "name": .string(name)
            case "content": .string(content)
            default: nil
            }
        }

        var templateValue: TemplateValue { .view(self) }
    }

    static func tag(_ attribute: String, _ name: String, _ content: String) -> MetaTag {
        MetaTag(attribute: attribute, name: name, content: content)
    }

    /// `og:locale` (`language_TERRITORY`) for the site's language: its region as written
    /// (`en-GB` → `en_GB`), else the language's most common one.
    static func ogLocale(_ language: String) -> String {
        let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first else { return "en_US" }
        let lang = first.lowercased()
        if parts.count > 1, let region = parts.last, region.count == 2 { return "\(lang)_\(region.uppercased())" }
        return likelyRegions[lang].map { "\(lang)_\($0)" } ?? lang
    }

    /// The region Open Graph readers expect for a bare language; `ar_AR` is Facebook's own code
    /// for Arabic.
    static let likelyRegions = [
        "en": "US", "ja": "JP", "ko": "KR", "zh": "CN", "de": "DE", "fr": "FR", "es": "ES", "it": "IT",
        "pt": "BR", "ru": "RU", "ar": "AR", "he": "IL", "id": "ID", "ms": "MY", "th": "TH", "vi": "VN", "hi": "IN",
        "nl": "NL", "sv": "SE", "pl": "PL", "tr": "TR",
    ]

    /// The meta tags of a page other than an article's.
    static func page(title: String, description: String?, url: String, config: SiteConfig) -> [MetaTag] {
        var tags = [
            tag("property", "og:type", "website"), tag("property", "og:title", title), tag("property", "og:url", url),
            tag("property", "og:site_name", config.title), tag("property", "og:locale", config.ogLocale),
        ]
        if let description { tags.append(tag("property", "og:description", description)) }
        tags.append(tag("name", "twitter:card", "summary"))
        return tags
    }

    /// The meta tags of an article's page; `canonical` is the URL its canonical link names.
    static func article(_ article: Article, canonical: String, config: SiteConfig) -> [MetaTag] {
        var tags = [
            tag("property", "og:type", "article"), tag("property", "og:title", article.title), tag("property", "og:url", canonical),
            tag("property", "og:site_name", config.title), tag("property", "og:locale", config.ogLocale),
        ]
        if !article.summaryText.isEmpty { tags.append(tag("property", "og:description", article.summaryText)) }
        if let image = article.image {
            tags.append(tag("property", "og:image", config.absoluteImageURL(image)))
            if let alt = article.imageAlt { tags.append(tag("property", "og:image:alt", alt)) }
        }
        tags.append(tag("property", "article:published_time", article.date.iso8601))
        tags.append(tag("property", "article:modified_time", (article.updated ?? article.date).iso8601))
        tags.append(tag("property", "article:section", article.category))
        for t in article.tags { tags.append(tag("property", "article:tag", t)) }
        tags.append(tag("name", "twitter:card", article.image == nil ? "summary" : "summary_large_image"))
        tags.append(tag("name", "twitter:title", article.title))
        if !article.summaryText.isEmpty { tags.append(tag("name", "twitter:description", article.summaryText)) }
        if let image = article.image { tags.append(tag("name", "twitter:image", config.absoluteImageURL(image))) }
        return tags
    }

    /// schema.org `NewsArticle` for article `article`, published here at `permalink`.
    static func newsArticle(_ article: Article, permalink: String, config: SiteConfig) -> String {
        var json = JSONObject(escaping: .scriptSafe)
        json.add("@context", "https://schema.org")
        json.add("@type", "NewsArticle")
        json.add("headline", article.title)
        if !article.summaryText.isEmpty { json.add("description", article.summaryText) }
        json.add("datePublished", article.date.iso8601)
        json.add("dateModified", (article.updated ?? article.date).iso8601)
        if let author = article.author {
            json.add("author", thing("Person", name: author))
        } else if let source = article.source {
            json.add("author", thing("Organization", name: source))
        }
        var publisher = thing("Organization", name: config.title)
        publisher.add("url", config.baseURL)
        if let logo = config.logo {
            var image = JSONObject(escaping: .scriptSafe)
            image.add("@type", "ImageObject")
            image.add("url", config.absoluteImageURL(logo))
            publisher.add("logo", image)
        }
        json.add("publisher", publisher)
        json.add("url", permalink)
        var page = JSONObject(escaping: .scriptSafe)
        page.add("@type", "WebPage")
        page.add("@id", permalink)
        json.add("mainEntityOfPage", page)
        json.add("articleSection", article.category)
        if !article.tags.isEmpty { json.add("keywords", article.tags) }
        json.add("inLanguage", config.language)
        if let original = article.originalURL { json.add("isBasedOn", original) }
        if let image = article.image { json.add("image", [config.absoluteImageURL(image)]) }
        return json.finished()
    }

    /// schema.org `WebSite` for the home page.
    static func webSite(config: SiteConfig) -> String {
        var json = JSONObject(escaping: .scriptSafe)
        json.add("@context", "https://schema.org")
        json.add("@type", "WebSite")
        json.add("name", config.title)
        if !config.description.isEmpty { json.add("description", config.description) }
        json.add("url", config.baseURL)
        json.add("inLanguage", config.language)
        return json.finished()
    }

    /// `{"@type": type, "name": name}`.
    static func thing(_ type: String, name: String) -> JSONObject {
        var json = JSONObject(escaping: .scriptSafe)
        json.add("@type", type)
        json.add("name", name)
        return json
    }
}
