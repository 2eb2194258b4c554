/// The site's articles arranged every way the pages need them: newest first, by category,
/// by day, month and year. Built once; every page reads from it.
public struct SiteIndex: Sendable {
    /// The ways articles are grouped into sections, each with its pages (`category/<slug>/`,
    /// `tag/<slug>/`, `source/<slug>/`) and feeds.
    public enum Taxonomy: Int, Sendable, Hashable, CaseIterable {
        case category, tag, source

        /// The folder of a section's pages: `category`, `tag`, `source`.
        public var folder: String { ["category", "tag", "source"][rawValue] }
        /// The folder of the page listing every section: `categories`, `tags`, `sources`.
        public var indexFolder: String { ["categories", "tags", "sources"][rawValue] }
    }

    /// One category, tag or source, and its articles.
    public struct Section: Sendable, Hashable {
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

    /// An article as the build has it: read from its file just now (with its body's HTML), or
    /// held by the build cache, whose body is rendered again only for a page or feed that
    /// shows it.
    enum Text: Sendable {
        case parsed(Article, html: String)
        case cached(CachedArticle)
    }

    /// Newest first.
    public private(set) var articles: [ArticleHead]
    /// What each article of `articles` says, in the same order.
    let texts: [Text]
    /// Sorted by name (case aside), then slug; so are `tags` and `sources`.
    public private(set) var categories: [Section]
    public private(set) var tags: [Section]
    public private(set) var sources: [Section]
    /// Oldest first within each list, so that neighbours are adjacent.
    public private(set) var days: [Archive]
    public private(set) var months: [Archive]
    public private(set) var years: [Archive]
    public private(set) var categoryBySlug: [String: Int]
    private var tagBySlug: [String: Int]
    private var sourceBySlug: [String: Int]
    /// For each article, its position in its category's list.
    private var positionInCategory: [Int]
    public private(set) var diagnostics: [Diagnostic]

    /// The index of `articles` (read from their files, bodies rendered as `html`).
    public init(articles: [Article]) {
        self.init(heads: articles.map(\.head), texts: articles.map { .parsed($0, html: "") })
    }

    /// The index of the articles `texts` hold, whose heads are `heads`, in the same order.
    init(heads unsortedHeads: consuming [ArticleHead], texts unsorted: consuming [Text]) {
        var diagnostics: [Diagnostic] = []
        var texts = unsorted
        var heads = unsortedHeads
        // Newest first, ties broken by path so that the order never depends on the file system.
        // Compared in place: reading two heads out of the array for each comparison would copy
        // (retain) each of their strings.
        let order = heads.withUnsafeBufferPointer { h in
            h.indices.sorted { a, b in
                h[a].date != h[b].date ? h[a].date > h[b].date : h[a].path < h[b].path
            }
        }
        // Put in that order by swapping, cycle by cycle (position i takes the element at
        // order[i]): a swap moves two elements, where a sorted copy would retain every string.
        heads.withUnsafeMutableBufferPointer { h in
            texts.withUnsafeMutableBufferPointer { t in
                var placed = [Bool](repeating: false, count: h.count)
                for start in h.indices where !placed[start] {
                    var i = start
                    while order[i] != start {
                        h.swapAt(i, order[i])
                        t.swapAt(i, order[i])
                        placed[i] = true
                        i = order[i]
                    }
                    placed[i] = true
                }
            }
        }

        // Two articles at one address: an error naming both files, in the order of their paths
        // (sorted only when there is a clash, which is rare). An article's address is its day
        // and its slug.
        struct Address: Hashable {
            var year: Int, month: Int, day: Int
            var slug: String
        }
        var addresses = Set<Address>(minimumCapacity: heads.count)
        let clash = heads.withUnsafeBufferPointer { h in
            h.contains { head in
                let c = head.date.civil
                return !addresses.insert(Address(year: c.year, month: c.month, day: c.day, slug: head.slug)).inserted
            }
        }
        var collisions = Set<Int>()
        if clash {
            var byRoute: [Route: Int] = [:]
            for i in heads.indices.sorted(by: { heads[$0].path < heads[$1].path }) {
                let route = Route.article(heads[i])
                if let first = byRoute[route] {
                    diagnostics.append(
                        Diagnostic(
                            path: heads[i].path,
                            message:
                                "\(heads[i].path) and \(heads[first].path) would both be published at /\(route.path); give one of them another 'slug'"
                        ))
                    collisions.insert(i)
                } else {
                    byRoute[route] = i
                }
            }
        }
        if !collisions.isEmpty {
            let kept = heads.indices.filter { !collisions.contains($0) }
            heads = kept.map { heads[$0] }
            texts = kept.map { texts[$0] }
        }

        // Categories: spellings that share a slug are one category, named by the most used
        // spelling, with a warning; tags and sources are grouped the same way, silently.
        let categoryGroups = Self.sections(of: heads.indices.lazy.map { i in [(heads[i].category, heads[i].categorySlug)] })
        for group in categoryGroups where group.spellings.count > 1 {
            let slug = group.section.slug, name = group.section.name
            if let firstOther = group.section.articles.map({ heads[$0] }).filter({ $0.category != name }).min(by: { $0.path < $1.path }) {
                let others = group.spellings.filter { $0 != name }.map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.append(
                    .warning(
                        path: firstOther.path,
                        "category \(others) shares the URL /category/\(slug)/ with '\(name)'; they are listed together as '\(name)'"
                    ))
            }
        }
        let categories = categoryGroups.map(\.section)
        for c in categories {
            for i in c.articles { heads[i].category = c.name }
        }
        // A site has a few hundred names for ten thousand articles: each is made a slug once.
        var slugs: [String: String] = [:]
        func slug(_ name: String) -> String {
            if let known = slugs[name] { return known }
            let made = Slug.make(name)
            slugs[name] = made
            return made
        }
        let tags = Self.sections(of: heads.indices.map { i in heads[i].tags.map { ($0, slug($0)) } }).map(\.section)
        let sources = Self.sections(of: heads.indices.map { i in heads[i].source.map { [($0, slug($0))] } ?? [] }).map(\.section)
        var positions = [Int](repeating: 0, count: heads.count)
        for c in categories {
            for (p, i) in c.articles.enumerated() { positions[i] = p }
        }

        self.articles = heads
        self.texts = texts
        self.categories = categories
        self.tags = tags
        self.sources = sources
        self.categoryBySlug = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.slug, $0) })
        self.tagBySlug = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1.slug, $0) })
        self.sourceBySlug = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.slug, $0) })
        self.positionInCategory = positions
        self.days = Self.archives(.day, of: heads)
        self.months = Self.archives(.month, of: heads)
        self.years = Self.archives(.year, of: heads)
        self.diagnostics = diagnostics
    }

    /// The sections that `names` (each article's names, with their slugs, in the order of
    /// `articles`) make: one for each slug, named by its most used spelling (then the first in
    /// code point order), sorted by name (case aside), then slug. Each comes with every spelling
    /// of its name, most used first. An article names a section once, however often it repeats it.
    private static func sections(
        of names: some Sequence<[(name: String, slug: String)]>
    ) -> [(section: Section, spellings: [String])] {
        var spellings: [String: [String: Int]] = [:]
        var members: [String: [Int]] = [:]
        for (i, list) in names.enumerated() {
            var seen: Set<String> = []
            for (name, slug) in list where seen.insert(slug).inserted {
                spellings[slug, default: [:]][name, default: 0] += 1
                members[slug, default: []].append(i)
            }
        }
        var sections: [(section: Section, spellings: [String])] = []
        for (slug, names) in spellings {
            let ranked = names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            sections.append((Section(name: ranked[0], slug: slug, articles: members[slug] ?? []), ranked))
        }
        // Listing order everywhere (navigation, a day's categories in PageContext.groupedByDay).
        sections.sort { ($0.section.name.lowercased(), $0.section.slug) < ($1.section.name.lowercased(), $1.section.slug) }
        return sections
    }

    public func sections(_ taxonomy: Taxonomy) -> [Section] {
        switch taxonomy {
        case .category: return categories
        case .tag: return tags
        case .source: return sources
        }
    }

    /// The place in `sections(taxonomy)` of the section whose slug is `slug`.
    public func section(_ taxonomy: Taxonomy, slug: String) -> Int? {
        switch taxonomy {
        case .category: return categoryBySlug[slug]
        case .tag: return tagBySlug[slug]
        case .source: return sourceBySlug[slug]
        }
    }

    /// The periods of `granularity` that have articles, oldest first, each with its articles
    /// newest first.
    private static func archives(_ granularity: Period.Granularity, of heads: [ArticleHead]) -> [Archive] {
        // Newest first, an article's period is never later than the one before's: each period
        // is one run of the order, found without hashing a period per article.
        var runs: [Archive] = []
        for i in heads.indices {
            let period = Period(dayOf: heads[i].date).enclosing(granularity)
            if let last = runs.last?.period {
                if last == period {
                    runs[runs.count - 1].articles.append(i)
                    continue
                }
                // A clock set back across midnight (a zone's change at 00:00) can bring a day
                // back after the next one: then group by period instead.
                guard period < last else { return grouped(granularity, of: heads) }
            }
            runs.append(Archive(period: period, articles: [i]))
        }
        return runs.reversed()
    }

    private static func grouped(_ granularity: Period.Granularity, of heads: [ArticleHead]) -> [Archive] {
        var members: [Period: [Int]] = [:]
        for i in heads.indices {
            members[Period(dayOf: heads[i].date).enclosing(granularity), default: []].append(i)
        }
        return members.map { Archive(period: $0.key, articles: $0.value) }.sorted { $0.period < $1.period }
    }

    public func archives(_ granularity: Period.Granularity) -> [Archive] {
        switch granularity {
        case .day: return days
        case .month: return months
        case .year: return years
        }
    }

    /// The whole of article `i`, with its category named as the index names it.
    public func article(_ i: Int) -> Article {
        var article: Article
        switch texts[i] {
        case .parsed(let parsed, _): article = parsed
        case .cached(let cached): article = cached.article
        }
        article.category = articles[i].category
        return article
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
