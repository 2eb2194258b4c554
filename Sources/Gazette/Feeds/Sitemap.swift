/// `sitemap.xml`: every page with the date of the newest article it shows.
enum Sitemap {
    static func render(_ pages: [Page], index: SiteIndex, config: SiteConfig) -> String {
        func newest(_ items: some Sequence<Int>) -> Timestamp? {
            items.map { index.articles[$0].lastModified }.max()
        }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted(by: { $0.route < $1.route }) {
            let lastModified: Timestamp?
            switch page.kind {
            case .notFound: continue
            case .home(let n):
                lastModified = newest(Pagination(totalItems: index.articles.count, perPage: config.perPage).range(ofPage: n))
            case .article(let i): lastModified = index.articles[i].lastModified
            case .category(let c, let n):
                let category = index.categories[c]
                lastModified = newest(
                    Pagination(totalItems: category.articles.count, perPage: config.perPage)
                        .range(ofPage: n).map { category.articles[$0] })
            case .archive(let g, let i): lastModified = newest(index.archives(g)[i].articles)
            }
            x += "<url><loc>\(HTML.escapeXML(config.absoluteURL(page.route)))</loc>"
            if let lastModified { x += "<lastmod>\(lastModified.converted(to: config.timeZone).iso8601)</lastmod>" }
            x += "</url>\n"
        }
        x += "</urlset>\n"
        return x
    }
}
