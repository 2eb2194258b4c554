import Foundation

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

    /// One article, shared by reference: every list item and feed entry that shows it reads
    /// it in place, where a copy of the `Article` would retain (and later release) each of its
    /// strings. Its category and address are the index's (see `article(_:)`).
    final class Record: Sendable {
        let article: Article
        /// The site of its `original_url` (`reuters.com`), which lists name the link by.
        let originalSite: String?
        /// The slugs of its source and of each of its tags, in its order.
        let sourceSlug: String?
        let tagSlugs: [String]
        /// Its page, and its date as lists show it: `2024-03-09T18:30:00+08:00`, `9 March 2024`
        /// and `18:30`.
        let route: Route
        let dateISO: String
        let dateTitle: String
        let time: String

        init(_ article: Article, sourceSlug: String?, tagSlugs: [String], dates: DateNames) {
            self.article = article
            self.originalSite = article.originalURL.map(Self.site(of:))
            self.sourceSlug = sourceSlug
            self.tagSlugs = tagSlugs
            self.route = .article(date: article.date, slug: article.slug)
            self.dateISO = article.date.iso8601
            self.dateTitle = dates.title(Period(dayOf: article.date))
            self.time = dates.time(article.date)
        }

        /// `example.com` of `https://www.example.com:8080/a`: the host, lowercased, without `www.`,
        /// a port or user information; the URL as written when it has no host. Read by hand: every
        /// article with an original is asked, and URLComponents costs more than the rest of its record.
        static func site(of url: String) -> String {
            let bytes = Array(url.utf8)
            // After the scheme's `://`.
            var start = 0
            while start + 2 < bytes.count, !(bytes[start] == 0x3A && bytes[start + 1] == 0x2F && bytes[start + 2] == 0x2F) { start += 1 }
            guard start + 2 < bytes.count else { return url }
            start += 3
            var end = start
            while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }
            // Without user information (`user:pw@`) and port; an IPv6 literal keeps its brackets.
            var hostStart = start
            for i in start..<end where bytes[i] == 0x40 { hostStart = i + 1 }
            var hostEnd = hostStart
            if hostStart < end, bytes[hostStart] == 0x5B {
                while hostEnd < end, bytes[hostEnd] != 0x5D { hostEnd += 1 }
                hostEnd = min(hostEnd + 1, end)
            } else {
                while hostEnd < end, bytes[hostEnd] != 0x3A { hostEnd += 1 }
            }
            guard hostEnd > hostStart else { return url }
            var host = bytes[hostStart..<hostEnd].map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }
            if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
            return String(decoding: host, as: UTF8.self)
        }
    }

    /// Newest first.
    public private(set) var articles: [ArticleHead]
    /// What each article of `articles` says, in the same order.
    let texts: [Text]
    /// Each article read in this build as a shared record, nil for one the build cache holds
    /// (`record(_:)` makes that one when asked).
    private var records: [Record?] = []
    private var slugStyle: Slug.Style = .unicode
    /// The slug of each tag and source name, as written: a few hundred names for ten thousand
    /// articles, each made a slug once.
    private var nameSlugs: [String: String] = [:]
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
    /// Every story told by more than one article: its versions, oldest first.
    public private(set) var stories: [[Int]] = []
    /// The place in `stories` of each article's story, or -1 for an article told alone.
    private var storyOf: [Int32] = []
    /// The places in `tags` of each article's tags.
    private var tagsOf: [[Int]] = []
    /// What the home page lists, newest first: every article, each story once (under its
    /// first version). Its pages are counted over this list, so a story never shows twice.
    public private(set) var homeItems: [Int] = []
    /// The home page's pages over `homeItems`: whole editions each, never a day split in two.
    public private(set) var homePagination = Pagination(totalItems: 0, perPage: 20)
    /// The home page's lead story, from the newest edition: its newest `featured: true`
    /// article, else its story told by the most outlets (then the newest). An older edition's
    /// `featured:` no longer leads once a newer edition has articles. Nil for an empty site.
    public private(set) var lead: Int?
    /// When the site last changed: the latest date or `updated:` of its articles.
    public private(set) var lastUpdated: Timestamp?
    private var relatedOf: [[Int]] = []
    /// Seconds after midnight at which an edition (a day) starts: `edition_cutoff`.
    public private(set) var editionCutoff = 0
    /// The names of the site's days, months and years, and of its times, in its language.
    public private(set) var dates: DateNames

    /// What of `site.yml` decides how articles are grouped and named.
    public struct Options: Sendable {
        public var editionCutoff = 0
        public var categories: [SiteConfig.CategoryName] = []
        public var language = "en"
        public var perPage = 20
        public var timeZone = TimeZone(secondsFromGMT: 0)!
        /// site.yml's `ascii_slugs`, for the slugs of category aliases, tags and sources.
        public var slugStyle: Slug.Style = .unicode

        public init() {}

        public init(_ config: SiteConfig) {
            editionCutoff = config.editionCutoff
            categories = config.categories
            language = config.language
            perPage = config.perPage
            timeZone = config.timeZone
            slugStyle = config.slugStyle
        }
    }

    /// The index of `articles` (read from their files, bodies rendered as `html`).
    public init(articles: [Article], options: Options = Options()) {
        self.init(heads: articles.map(\.head), texts: articles.map { .parsed($0, html: "") }, options: options)
    }

    /// The index of the articles `texts` hold, whose heads are `heads`, in the same order.
    /// `relate`: work out the related articles now, on this thread; the build leaves them to
    /// `relate()`, which uses every core.
    init(heads unsortedHeads: consuming [ArticleHead], texts unsorted: consuming [Text], options: Options = Options(), relate: Bool = true)
    {
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

        // Two articles at one address (wire updates share headlines: "Nikkei closes higher"):
        // each gets one of its own, with a warning (worked out only when there is a clash, which
        // is rare). An article's address is its day and its slug.
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
        // Each article's own story key is its address as written, before any clash moves it:
        // that is the address other articles name in `story:`.
        let ownKeys = heads.map { Route.article($0).storyKey }
        if clash { Self.separateClashes(&heads, diagnostics: &diagnostics, style: options.slugStyle) }

        // Aliases of `categories:` take the name they stand for.
        if !options.categories.isEmpty {
            var named: [String: (name: String, slug: String)] = [:]
            for category in options.categories {
                for alias in [category.name] + category.aliases {
                    named[Slug.make(alias, style: options.slugStyle)] = (category.name, Slug.make(category.name, style: options.slugStyle))
                }
            }
            for i in heads.indices {
                if let target = named[heads[i].categorySlug] {
                    heads[i].category = target.name
                    heads[i].categorySlug = target.slug
                }
            }
        }
        // Categories: spellings that share a slug are one category, named by the most used
        // spelling, with a warning; tags and sources are grouped the same way, silently.
        var categoryGroups = Self.sections(of: heads.indices.lazy.map { i in [(heads[i].category, heads[i].categorySlug)] })
        if !options.categories.isEmpty {
            // The editor's order first, then the others by name.
            let rank = Dictionary(
                options.categories.enumerated().map { (Slug.make($1.name, style: options.slugStyle), $0) }, uniquingKeysWith: { a, _ in a })
            categoryGroups = categoryGroups.enumerated().sorted { a, b in
                (rank[a.element.section.slug] ?? Int.max, a.offset) < (rank[b.element.section.slug] ?? Int.max, b.offset)
            }.map(\.element)
            // A name the editor gives is the name the site shows.
            for c in categoryGroups.indices {
                if let named = options.categories.first(where: {
                    Slug.make($0.name, style: options.slugStyle) == categoryGroups[c].section.slug
                }) {
                    categoryGroups[c].section.name = named.name
                }
            }
        }
        diagnostics += Self.nearDuplicates(categoryGroups.map(\.section), heads: heads, options: options)
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
            let made = Slug.make(name, style: options.slugStyle)
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
        self.editionCutoff = options.editionCutoff
        self.days = Self.archives(.day, of: heads, cutoff: options.editionCutoff)
        self.months = Self.archives(.month, of: heads, cutoff: options.editionCutoff)
        self.years = Self.archives(.year, of: heads, cutoff: options.editionCutoff)
        // Every day a page names: the editions, and the days articles were published on.
        var named = Set(self.days.map(\.period))
        if options.editionCutoff != 0 { for head in heads { named.insert(Period(dayOf: head.date)) } }
        // And the days of `updated:` ("Updated 9 March 2024"), in the site's language too.
        for head in heads { if let updated = head.updated { named.insert(Period(dayOf: updated)) } }
        self.dates = DateNames(language: options.language, periods: named.sorted(), timeZone: options.timeZone)
        self.diagnostics = diagnostics
        (self.stories, self.storyOf) = Self.stories(of: heads, ownKeys: ownKeys)
        self.homeItems = []
        self.homeItems = eachStoryOnce(Array(heads.indices))
        var editions: [Int] = []
        var last: Period?
        for i in homeItems {
            let edition = Period(editionOf: heads[i].date, cutoff: options.editionCutoff)
            if edition == last { editions[editions.count - 1] += 1 } else { editions.append(1) }
            last = edition
        }
        self.homePagination = Pagination(groups: editions, perPage: options.perPage)
        let newest = homeItems.prefix(editions.first ?? 0)
        // A featured article of the newest edition leads as the version of its story that
        // the home page lists (the story's first, which may not be the one marked).
        var featured: Int?
        if let first = newest.first {
            let edition = Period(editionOf: heads[first].date, cutoff: options.editionCutoff)
            for i in heads.indices where heads[i].featured {
                guard Period(editionOf: heads[i].date, cutoff: options.editionCutoff) == edition else { continue }
                featured = newest.first { $0 == i || (storyOf[i] >= 0 && storyOf[$0] == storyOf[i]) }
                if featured != nil { break }
            }
        }
        self.lead = featured ?? leading(Array(newest), limit: 1).first
        // Read in place: a head taken out of the array for each article copies its strings.
        self.lastUpdated = heads.withUnsafeBufferPointer { h in
            var latest: Timestamp?
            for i in h.indices {
                let modified = h[i].updated ?? h[i].date
                if latest.map({ modified > $0 }) ?? true { latest = modified }
            }
            return latest
        }
        // Each article's tags, from the tags' members (each article once per tag): a set made
        // for each article and a look-up of each of its names cost a hundred milliseconds at
        // 100,000 articles. `related` reads them as a set, in no order.
        var tagsOf = [[Int]](repeating: [], count: heads.count)
        for t in tags.indices {
            for i in tags[t].articles { tagsOf[i].append(t) }
        }
        self.tagsOf = tagsOf
        self.slugStyle = options.slugStyle
        self.nameSlugs = slugs
        self.records = heads.indices.map { i in
            guard case .parsed(var article, _) = texts[i] else { return nil }
            article.category = heads[i].category
            article.slug = heads[i].slug
            return Record(article, sourceSlug: article.source.map(slug), tagSlugs: article.tags.map(slug), dates: dates)
        }
        if relate {
            self.relatedOf = Self.related(
                times: heads.map(\.date.seconds), tags: tags, tagsOf: self.tagsOf, storyOf: self.storyOf, range: heads.indices)
        }
    }

    /// The sections that `names` (each article's names, with their slugs, in the order of
    /// `articles`) make: one for each slug, named by its most used spelling (then the first in
    /// code point order), sorted by name (case aside), then slug. Each comes with every spelling
    /// of its name, most used first. An article names a section once, however often it repeats it.
    private static func sections(
        of names: some Sequence<[(name: String, slug: String)]>
    ) -> [(section: Section, spellings: [String])] {
        // One look-up of the slug per name: each section's spellings (rarely more than one,
        // so a list) and members sit at the section's place in these arrays.
        var place: [String: Int] = [:]
        var slugs: [String] = []
        var spellings: [[(name: String, count: Int)]] = []
        var members: [[Int]] = []
        for (i, list) in names.enumerated() {
            for k in list.indices {
                let (name, slug) = list[k]
                // Each slug once per article; an article names a handful at most.
                if k > 0, list[..<k].contains(where: { $0.slug == slug }) { continue }
                let s: Int
                if let known = place[slug] {
                    s = known
                } else {
                    s = slugs.count
                    place[slug] = s
                    slugs.append(slug)
                    spellings.append([])
                    members.append([])
                }
                if let n = spellings[s].firstIndex(where: { $0.name == name }) {
                    spellings[s][n].count += 1
                } else {
                    spellings[s].append((name, 1))
                }
                members[s].append(i)
            }
        }
        var sections: [(section: Section, spellings: [String])] = []
        for s in slugs.indices {
            let ranked = spellings[s].sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }.map(\.name)
            sections.append((Section(name: ranked[0], slug: slugs[s], articles: members[s]), ranked))
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
    private static func archives(_ granularity: Period.Granularity, of heads: [ArticleHead], cutoff: Int) -> [Archive] {
        // Newest first, an article's period is never later than the one before's: each period
        // is one run of the order, found without hashing a period per article.
        var runs: [Archive] = []
        for i in heads.indices {
            let period = Period(editionOf: heads[i].date, cutoff: cutoff).enclosing(granularity)
            if let last = runs.last?.period {
                if last == period {
                    runs[runs.count - 1].articles.append(i)
                    continue
                }
                // A clock set back across midnight (a zone's change at 00:00) can bring a day
                // back after the next one: then group by period instead.
                guard period < last else { return grouped(granularity, of: heads, cutoff: cutoff) }
            }
            runs.append(Archive(period: period, articles: [i]))
        }
        return runs.reversed()
    }

    private static func grouped(_ granularity: Period.Granularity, of heads: [ArticleHead], cutoff: Int) -> [Archive] {
        var members: [Period: [Int]] = [:]
        for i in heads.indices {
            members[Period(editionOf: heads[i].date, cutoff: cutoff).enclosing(granularity), default: []].append(i)
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

    /// The edition (day) that an article published at `date` belongs to.
    public func edition(of date: Timestamp) -> Period {
        Period(editionOf: date, cutoff: editionCutoff)
    }

    /// The place in `archives(granularity)` of `period`, when it has articles.
    public func archive(_ period: Period) -> Int? {
        let list = archives(period.granularity)
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].period < period { low = mid + 1 } else { high = mid }
        }
        return low < list.count && list[low].period == period ? low : nil
    }

    /// The archives of `granularity` within `period` (a year's months, a month's days), as
    /// places in `archives(granularity)`, oldest first.
    public func archives(_ granularity: Period.Granularity, within period: Period) -> Range<Int> {
        let list = archives(granularity)
        func first(after bound: Period) -> Int {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if list[mid].period.enclosing(period.granularity) <= bound { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].period.enclosing(period.granularity) < period { low = mid + 1 } else { high = mid }
        }
        return low..<max(low, first(after: period))
    }

    /// The leading stories among `items` (newest first): each story once, the stories told by
    /// the most outlets first, then the newest. What an archive shows of a day or a month.
    public func leading(_ items: [Int], limit: Int) -> [Int] {
        let once = eachStoryOnce(items)
        guard !stories.isEmpty else { return Array(once.prefix(limit)) }
        return once.enumerated().sorted { a, b in
            let va = storyVersions(of: a.element).count, vb = storyVersions(of: b.element).count
            return va != vb ? va > vb : a.offset < b.offset
        }.prefix(limit).map(\.element)
    }

    /// Category names so alike that they are likely one category written two ways (`Tech`
    /// and `Technology`, `Market` and `Markets`), unless `categories:` names either (a category
    /// it does not name has its own warning, `SiteInputs.unlistedCategories`): a warning for each
    /// pair, at the first file of the less used one.
    static func nearDuplicates(_ categories: [Section], heads: [ArticleHead], options: Options) -> [Diagnostic] {
        let named = Set(options.categories.map { Slug.make($0.name, style: options.slugStyle) })
        let keys = categories.map { Array($0.name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }) }
        var diagnostics: [Diagnostic] = []
        for a in categories.indices {
            for b in categories.indices where a < b {
                guard !named.contains(categories[a].slug), !named.contains(categories[b].slug) else { continue }
                guard Self.alike(keys[a], keys[b]) else { continue }
                let (more, less) = categories[a].articles.count >= categories[b].articles.count ? (a, b) : (b, a)
                guard let first = categories[less].articles.min(by: { heads[$0].path < heads[$1].path }) else { continue }
                diagnostics.append(
                    .warning(
                        path: heads[first].path,
                        "category '\(categories[less].name)' looks like '\(categories[more].name)'; if they are one, add '\(categories[less].name): \(categories[more].name)' under 'categories:' in site.yml"
                    ))
            }
        }
        return diagnostics
    }

    /// One name starts the other (at least 4 letters), or they are one edit apart (at least 5;
    /// a swap of two neighbouring letters is one edit).
    static func alike(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count >= 4, long.starts(with: short) { return true }
        guard short.count >= 5 else { return false }
        return NearMiss.distance(short, long, limit: 1) <= 1
    }

    /// The whole of article `i`, with its category named, and its address given, as the index
    /// names and gives them.
    public func article(_ i: Int) -> Article {
        records[i]?.article ?? decodedArticle(i)
    }

    /// Article `i` as a shared record: the one made when the index was, or, for an article the
    /// build cache holds, one decoded now.
    func record(_ i: Int) -> Record {
        records[i] ?? decodedRecord(i)
    }

    /// Article `i`, which the build cache holds, decoded, with the index's category and address.
    private func decodedArticle(_ i: Int) -> Article {
        guard case .cached(let cached) = texts[i] else { preconditionFailure("an article read in this build has its record") }
        var article = cached.article
        article.category = articles[i].category
        article.slug = articles[i].slug
        return article
    }

    /// Article `i`, which the build cache holds, as a record.
    private func decodedRecord(_ i: Int) -> Record {
        let article = decodedArticle(i)
        func slug(_ name: String) -> String { nameSlugs[name] ?? Slug.make(name, style: slugStyle) }
        return Record(article, sourceSlug: article.source.map(slug), tagSlugs: article.tags.map(slug), dates: dates)
    }

    /// Gives each article that shares its address with another one of its own, decided by what
    /// the articles are (their source and file), never by the order they were read in: in each
    /// clash, the article first by (source, path) keeps the address; each other one gets its
    /// source's slug added (`nikkei-closes-higher-kyodo`), and, when that is taken too, its
    /// file's name. A warning names both files and the new address.
    static func separateClashes(_ heads: inout [ArticleHead], diagnostics: inout [Diagnostic], style: Slug.Style = .unicode) {
        func key(_ h: ArticleHead) -> String {
            let c = h.date.civil
            return "\(c.year)-\(c.month)-\(c.day)/\(h.slug)"
        }
        var taken = Set<String>(minimumCapacity: heads.count)
        var groups: [String: [Int]] = [:]
        for i in heads.indices {
            let k = key(heads[i])
            if groups[k] != nil { groups[k]!.append(i) } else { groups[k] = [i] }
            taken.insert(k)
        }
        for k in groups.keys.sorted() {
            guard let members = groups[k], members.count > 1 else { continue }
            let ordered = members.sorted { a, b in
                (heads[a].source ?? "", heads[a].path) < (heads[b].source ?? "", heads[b].path)
            }
            let owner = ordered[0]
            for i in ordered.dropFirst() {
                let original = heads[i].slug
                let file = heads[i].path.split(separator: "/").last.map(String.init) ?? heads[i].path
                let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
                var candidates: [String] = []
                if let source = heads[i].source, !Slug.make(source, style: style).isEmpty {
                    candidates.append(original + "-" + Slug.make(source, style: style))
                }
                if Slug.make(stem, style: style) != original { candidates.append(original + "-" + Slug.make(stem, style: style)) }
                candidates.append(original + "-" + String(ContentHash.hex(of: heads[i].path).prefix(8)))
                var chosen = candidates.last!
                for candidate in candidates {
                    var probe = heads[i]
                    probe.slug = candidate
                    if !taken.contains(key(probe)) { chosen = candidate; break }
                }
                heads[i].slug = chosen
                // The hashes hold the slug as written: mix the address given in, so that every
                // page and feed that links the article follows it when it moves.
                for hash in [\ArticleHead.listingHash, \ArticleHead.sourceHash] {
                    var h = StableHasher()
                    h.combine(heads[i][keyPath: hash])
                    h.combine(chosen)
                    heads[i][keyPath: hash] = h.value
                }
                taken.insert(key(heads[i]))
                diagnostics.append(
                    .warning(
                        path: heads[i].path,
                        "\(heads[owner].path) is published at /\(Route.article(heads[owner]).path) too; this article is at /\(Route.article(heads[i]).path) (give it a 'slug' to choose)"
                    ))
            }
        }
    }

    /// The versions of the story of article `i`, oldest first (the first is the story's lead);
    /// `[i]` when no other article tells it.
    public func storyVersions(of i: Int) -> [Int] {
        let s = storyOf[i]
        return s < 0 ? [i] : stories[Int(s)]
    }

    /// The other versions of article `i`'s story, oldest first: at most `versionLimit`, so that
    /// a story of thousands of versions (by mistake or malice) does not make every one of its
    /// pages list all the others.
    public func otherVersions(of i: Int) -> [Int] {
        guard storyOf[i] >= 0 else { return [] }
        return Array(stories[Int(storyOf[i])].lazy.filter { $0 != i }.prefix(Self.versionLimit))
    }

    public static let versionLimit = 10

    /// Article `i` is the version a list shows its story under: the first published.
    public func isStoryLead(_ i: Int) -> Bool {
        let s = storyOf[i]
        return s < 0 || stories[Int(s)][0] == i
    }

    /// `items` (newest first) with each story once, under its first version among them: what
    /// the home page, the day pages and the editions feed list.
    public func eachStoryOnce(_ items: [Int]) -> [Int] {
        guard !stories.isEmpty else { return items }
        var chosen: [Int32: Int] = [:]
        for i in items where storyOf[i] >= 0 {
            // Newest first: the last seen of a story is its first version in the list.
            chosen[storyOf[i]] = i
        }
        return items.filter { storyOf[$0] < 0 || chosen[storyOf[$0]] == $0 }
    }

    /// Groups the articles by `storyKey`: a story with more than one version, its versions
    /// oldest first (then by path), the stories in the order of their first version's place.
    static func stories(of heads: [ArticleHead], ownKeys: [String]) -> ([[Int]], [Int32]) {
        var byKey: [String: [Int]] = [:]
        for i in heads.indices {
            // Most articles are stories of one and name none: only those that name one, and the
            // articles they name, are grouped.
            if let story = heads[i].story { byKey[story, default: []].append(i) }
        }
        guard !byKey.isEmpty else { return ([], [Int32](repeating: -1, count: heads.count)) }
        for i in heads.indices where heads[i].story == nil {
            if byKey[ownKeys[i]] != nil { byKey[ownKeys[i]]!.append(i) }
        }
        var stories: [[Int]] = []
        for var members in byKey.values where members.count > 1 {
            members.sort { a, b in
                heads[a].date != heads[b].date ? heads[a].date < heads[b].date : heads[a].path < heads[b].path
            }
            stories.append(members)
        }
        stories.sort { $0.min()! < $1.min()! }
        var storyOf = [Int32](repeating: -1, count: heads.count)
        for (s, members) in stories.enumerated() {
            for i in members { storyOf[i] = Int32(s) }
        }
        return (stories, storyOf)
    }

    /// Works out `related(to:)` of every article on every core (an index made with
    /// `relate: false`): each core keeps its own scratch counts.
    mutating func relate() async {
        let times = articles.map(\.date.seconds), tags = self.tags, tagsOf = self.tagsOf, storyOf = self.storyOf
        let ranges = shrinkingRanges(count: times.count, minimum: 512)
        let parts = await parallelMap(ranges, chunkSize: 1) { range in
            Self.related(times: times, tags: tags, tagsOf: tagsOf, storyOf: storyOf, range: range)
        }
        relatedOf = parts.flatMap { $0 }
    }

    /// Up to 5 articles of other stories that share tags with article `i`: most tags in common
    /// first, then nearest in time, then newest; one version of each story.
    public func related(to i: Int) -> [Int] { relatedOf[i] }

    /// `related(to:)` of every article, worked out once (each build's cache keys need them all).
    /// Each tag's articles nearest in time are looked at (the 12 either side), not every
    /// article of a large tag, so an article costs the same at any size; counts are kept in one
    /// scratch array rather than a dictionary per article.
    /// `times`: each article's date (read in the sort below for every pair compared: kept apart
    /// from the heads, whose strings a closure over them would retain and release at each
    /// access). `range`: the articles to work out, whose results come in its order.
    static func related(
        times: [Int64], tags: [Section], tagsOf: [[Int]], storyOf: [Int32], range: Range<Int>, limit: Int = 5
    ) -> [[Int]] {
        var counts = [Int32](repeating: 0, count: times.count)
        var touched: [Int] = []
        var top: [Int] = []
        top.reserveCapacity(relatedShortlist)
        var result = [[Int]](repeating: [], count: range.count)
        for i in range where !tagsOf[i].isEmpty {
            let own = storyOf[i]
            for t in tagsOf[i] {
                let list = tags[t].articles  // newest first: indices ascending
                var low = 0, high = list.count
                while low < high {
                    let mid = (low + high) / 2
                    if list[mid] < i { low = mid + 1 } else { high = mid }
                }
                for j in list[max(0, low - 12)..<min(list.count, low + 13)] where j != i && (own < 0 || storyOf[j] != own) {
                    if counts[j] == 0 { touched.append(j) }
                    counts[j] += 1
                }
            }
            let time = times[i]
            // Ties go to the index order (newest first, then by path): no string is compared.
            // A total order, so taking the best left, one at a time, gives what a sort would;
            // the few that are kept cost less than sorting every candidate.
            func better(_ a: Int, _ b: Int) -> Bool {
                if counts[a] != counts[b] { return counts[a] > counts[b] }
                let da = abs(times[a] - time), db = abs(times[b] - time)
                return da != db ? da < db : a < b
            }
            // The best few, in order, in one pass: each candidate is compared with the worst
            // kept first, and most are worse. Taken in that order, skipping a second version of
            // a story, they are what walking every candidate in order would take, unless they run
            // out first; then every candidate is walked: the best left, one at a time.
            top.removeAll(keepingCapacity: true)
            for j in touched {
                if top.count == Self.relatedShortlist {
                    guard better(j, top[top.count - 1]) else { continue }
                    top.removeLast()
                }
                var k = top.count
                while k > 0, better(j, top[k - 1]) { k -= 1 }
                top.insert(j, at: k)
            }
            var stories: [Int32] = []
            var chosen: [Int] = []
            func take(_ j: Int) {
                if storyOf[j] >= 0 {
                    if stories.contains(storyOf[j]) { return }
                    stories.append(storyOf[j])
                }
                chosen.append(j)
            }
            for j in top where chosen.count < limit { take(j) }
            if chosen.count < limit, touched.count > top.count {
                stories.removeAll()
                chosen.removeAll()
                var left = touched.count
                while chosen.count < limit, left > 0 {
                    var best = 0
                    for k in 1..<left where better(touched[k], touched[best]) { best = k }
                    // Out of the running: swapped past the end of what is left.
                    touched.swapAt(best, left - 1)
                    left -= 1
                    take(touched[left])
                }
            }
            result[i - range.lowerBound] = chosen
            for j in touched { counts[j] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return result
    }

    /// How many of an article's best candidates `related` keeps in order before it takes its
    /// related articles from them: enough for five, with the versions of stories it skips.
    static let relatedShortlist = 12

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
