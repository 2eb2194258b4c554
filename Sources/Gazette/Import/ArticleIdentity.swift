import Foundation

/// What makes two imports one article, however the address reached Gazette: the same story
/// syndicated into two feeds, shared with tracking parameters, or saved from a page with a
/// fragment, is one article and is imported once.
public enum ArticleIdentity {
    /// Query parameters that say who sent a reader, never which article: dropped from identities.
    /// Only those that never name an article: click ids and mailing-list tags. Parameters that
    /// some sites use as an article's id (`cid`, `ref`, `from`, `share`) are kept, since two
    /// articles taken for one would lose one of them.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "mkt_tok",
    ]

    /// `url` as an identity: scheme and host lowercased, the default port, the fragment, tracking
    /// parameters (`utm_*` and the like) and a trailing slash dropped. Anything that is not an
    /// absolute http(s) URL is returned as it is.
    public static func normalizedURL(_ url: String) -> String {
        guard var components = URLComponents(string: url.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return url }
        components.scheme = scheme
        components.host = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) { components.port = nil }
        components.fragment = nil
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        var path = components.percentEncodedPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path == "/" { path = "" }
        components.percentEncodedPath = path
        return components.string ?? url
    }
}
