/// `robots.txt`: everything may be crawled, and the sitemap is named.
enum Robots {
    static func render(config: SiteConfig) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL(.sitemap))\n"
    }
}
