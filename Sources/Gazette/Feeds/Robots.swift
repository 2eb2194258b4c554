/// `robots.txt`: everything may be crawled, and both sitemaps are named.
enum Robots {
    static func render(config: SiteConfig) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL(.sitemap))\nSitemap: \(config.absoluteURL(.newsSitemap))\n"
    }
}
