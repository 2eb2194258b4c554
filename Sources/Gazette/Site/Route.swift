/// The URL map. A route is a site-relative folder (`2022/03/12/slug/`, `""` for the home page);
/// its page is written to `route + "index.html"`.
public enum Route {
    public static func article(_ article: Article) -> String { article.routePath }

    public static func home(page: Int) -> String { page <= 1 ? "" : "page/\(page)/" }

    public static func category(_ slug: String, page: Int = 1) -> String {
        page <= 1 ? "category/\(slug)/" : "category/\(slug)/page/\(page)/"
    }

    public static func categoryFeed(_ slug: String) -> String { "category/\(slug)/feed.xml" }

    public static let siteFeed = "feed.xml"

    public static func period(_ period: Period) -> String {
        switch period.granularity {
        case .year: return "\(pad(period.year, 4))/"
        case .month: return "\(pad(period.year, 4))/\(pad(period.month))/"
        case .day: return "\(pad(period.year, 4))/\(pad(period.month))/\(pad(period.day))/"
        }
    }

    /// The prefix that leads from a page at `route` back to the site root: `../../` for `2022/03/`.
    /// Relative links keep a site working under any sub-path and straight from the file system.
    public static func root(from route: String) -> String {
        String(repeating: "../", count: route.utf8.filter { $0 == UInt8(ascii: "/") }.count)
    }
}

/// A day, a month or a year in the site's time zone.
public struct Period: Sendable, Hashable, Comparable {
    public enum Granularity: Int, Sendable, Hashable { case year, month, day }
    public var granularity: Granularity
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ granularity: Granularity, year: Int, month: Int = 1, day: Int = 1) {
        self.granularity = granularity
        self.year = year
        self.month = granularity == .year ? 1 : month
        self.day = granularity == .day ? day : 1
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `12 March 2022`, `March 2022`, `2022`.
    public var title: String {
        switch granularity {
        case .year: return String(year)
        case .month: return "\(Timestamp.monthNames[month - 1]) \(year)"
        case .day: return "\(day) \(Timestamp.monthNames[month - 1]) \(year)"
        }
    }
}

/// Splits a list into pages of `perPage`; an empty list still has one (empty) page.
public struct Pagination: Sendable, Hashable {
    public var totalItems: Int
    public var perPage: Int

    public init(totalItems: Int, perPage: Int) {
        self.totalItems = totalItems
        self.perPage = max(1, perPage)
    }

    public var pageCount: Int { max(1, (totalItems + perPage - 1) / perPage) }

    /// Item indices on `page` (1-based).
    public func range(ofPage page: Int) -> Range<Int> {
        let start = min(totalItems, (page - 1) * perPage)
        return start..<min(totalItems, start + perPage)
    }
}
