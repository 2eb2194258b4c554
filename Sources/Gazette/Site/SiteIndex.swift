/// The site's articles arranged every way the pages need them: newest first, by category,
/// by day, month and year. Built once; every page reads from it.
public struct SiteIndex: Sendable {
    public struct Category: Sendable, Hashable {
        public var name: String
        public var slug: String
        /// Indices into `articles`, newest first.
        public var articles: [Int]
    }

    public struct Archive: Sendable, Hashable {
        public var period: Period
        /// Indices into `articles`, newest first.
        public var articles: [Int]
    }

    /// Newest first.
    public var articles: [Article]
    /// Sorted by name.
    public var categories: [Category]
    /// Oldest first within each list, so that neighbours are adjacent.
    public var days: [Archive]
    public var months: [Archive]
    public var years: [Archive]
    public var categoryBySlug: [String: Int]
    /// For each article, its position in its category's list.
    var positionInCategory: [Int]
    public var diagnostics: [Diagnostic]

    public init(articles unsorted: consuming [Article]) {
        var diagnostics: [Diagnostic] = []
        // Sort indices, not articles: an article is a large value, and moving it around during a
        // sort cost more than all the rest of indexing. Compared in place, through the buffer:
        // passing two articles out of the array copied both at every comparison.
        var sorted = unsorted
        let order = sorted.withUnsafeBufferPointer { articles in
            articles.indices.sorted { Article.newestFirst(articles[$0], articles[$1]) }
        }
        // Then put in that order by swapping, cycle by cycle (sorted[i] becomes the article at
        // order[i]): a swap moves two articles, where building a sorted copy retained every
        // string of every article, and dropping the unsorted array released them all again.
        // Through the buffer: `Array.swapAt` copies one of the two out and back.
        sorted.withUnsafeMutableBufferPointer { articles in
            var placed = [Bool](repeating: false, count: articles.count)
            for start in articles.indices where !placed[start] {
                var i = start
                while order[i] != start {
                    articles.swapAt(i, order[i])
                    placed[i] = true
                    i = order[i]
                }
                placed[i] = true
            }
        }

        // Two articles at one URL: an error naming both files. The loops below read fields in
        // place (sorted[i].x) rather than binding whole articles, which would copy each one.
        struct RouteKey: Hashable {
            var year: Int, month: Int, day: Int
            var slug: String
        }
        var routes = Set<RouteKey>()
        routes.reserveCapacity(sorted.count)
        var clash = false
        for i in sorted.indices {
            let c = sorted[i].date.civil
            // The article's folder, `routePath`, is its day and its slug (a slug has no '/').
            if !routes.insert(RouteKey(year: c.year, month: c.month, day: c.day, slug: sorted[i].slug)).inserted {
                clash = true
                break
            }
        }
        if clash {
            // Rare: name each clash in the order of the files' paths, whatever the dates.
            var byRoute: [String: String] = [:]
            var collisions: Set<String> = []
            for i in sorted.indices.sorted(by: { sorted[$0].path < sorted[$1].path }) {
                let route = sorted[i].routePath
                let path = sorted[i].path
                if let first = byRoute[route] {
                    diagnostics.append(Diagnostic(path: path, message: "\(path) and \(first) would both be published at /\(route); give one of them another 'slug'"))
                    collisions.insert(path)
                } else {
                    byRoute[route] = path
                }
            }
            sorted.removeAll { collisions.contains($0.path) }
        }

        // Categories: spellings that share a slug are one category, named by the most used spelling.
        var spellings: [String: [String: Int]] = [:]
        var members: [String: [Int]] = [:]
        for i in sorted.indices {
            spellings[sorted[i].categorySlug, default: [:]][sorted[i].category, default: 0] += 1
            members[sorted[i].categorySlug, default: []].append(i)
        }
        var categories: [Category] = []
        for (slug, names) in spellings {
            let ranked = names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            if ranked.count > 1 {
                let others = ranked.dropFirst().map { "'\($0.key)'" }.joined(separator: ", ")
                let firstOther = members[slug]!.map { sorted[$0] }.filter { $0.category != ranked[0].key }.min { $0.path < $1.path }!
                diagnostics.append(.warning(path: firstOther.path,
                    "category \(others) shares the URL /category/\(slug)/ with '\(ranked[0].key)'; they are listed together as '\(ranked[0].key)'"))
            }
            categories.append(Category(name: ranked[0].key, slug: slug, articles: members[slug]!))
        }
        // Listing order everywhere (navigation, a day's categories in PageContext.groupedByDay).
        categories.sort { ($0.name.lowercased(), $0.slug) < ($1.name.lowercased(), $1.slug) }
        for c in categories {
            for i in c.articles { sorted[i].category = c.name }
        }

        func archives(_ granularity: Period.Granularity) -> [Archive] {
            // Newest first, an article's period is never later than the one before's: each
            // period is one run, found without hashing ten thousand periods.
            var runs: [Archive] = []
            for i in sorted.indices {
                let c = sorted[i].date.civil
                let period = Period(granularity, year: c.year, month: c.month, day: c.day)
                if let last = runs.last?.period {
                    if last == period {
                        runs[runs.count - 1].articles.append(i)
                        continue
                    }
                    // A clock set back across midnight (a time zone's change at 00:00) can bring a
                    // day back: group by period instead.
                    guard period < last else { return byPeriod(granularity) }
                }
                runs.append(Archive(period: period, articles: [i]))
            }
            return runs.reversed()
        }
        func byPeriod(_ granularity: Period.Granularity) -> [Archive] {
            var map: [Period: [Int]] = [:]
            for i in sorted.indices {
                let c = sorted[i].date.civil
                map[Period(granularity, year: c.year, month: c.month, day: c.day), default: []].append(i)
            }
            return map.map { Archive(period: $0.key, articles: $0.value) }.sorted { $0.period < $1.period }
        }

        self.articles = sorted
        self.categories = categories
        self.categoryBySlug = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.slug, $0) })
        self.days = archives(.day)
        self.months = archives(.month)
        self.years = archives(.year)
        self.diagnostics = diagnostics
        var positions = [Int](repeating: 0, count: sorted.count)
        for c in categories {
            for (p, i) in c.articles.enumerated() { positions[i] = p }
        }
        self.positionInCategory = positions
    }

    public func archives(_ granularity: Period.Granularity) -> [Archive] {
        switch granularity {
        case .day: return days
        case .month: return months
        case .year: return years
        }
    }

    /// Previous (older) and next (newer) article in the same category.
    public func neighbours(ofArticle index: Int) -> (older: Int?, newer: Int?) {
        guard let c = categoryBySlug[articles[index].categorySlug] else { return (nil, nil) }
        let list = categories[c].articles
        let position = positionInCategory[index]
        let newer = position > 0 ? list[position - 1] : nil
        let older = position + 1 < list.count ? list[position + 1] : nil
        return (older, newer)
    }
}
