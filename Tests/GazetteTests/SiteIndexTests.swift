import Foundation
import Testing

@testable import Gazette

func makeArticle(_ title: String, _ date: String, category: String = "News", zone: String = "UTC", path: String? = nil) -> Article {
    let z = TimeZone(identifier: zone)!
    func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    let text = "---\ntitle: \(quoted(title))\ndate: \(date)\ncategory: \(quoted(category))\n---\nBody of \(title).\n"
    let parsed = try! FrontMatter.parseArticle(bytes: Array(text.utf8), path: path ?? "content/\(Slug.make(title)).md", timeZone: z).get()
    var a = parsed.article
    ContentLoader.setSummary(of: &a, from: MarkdownRenderer().render(parsed.body))
    return a
}

extension SiteIndex {
    /// The titles of the articles, in the index's order.
    var titles: [String] { articles.indices.map { article($0).title } }
}

@Suite struct SiteIndexTests {
    @Test func sortsNewestFirstAndGroupsByPeriod() {
        let index = SiteIndex(articles: [
            makeArticle("Old", "2022-02-28T10:00:00Z"),
            makeArticle("New", "2022-03-02T10:00:00Z"),
            makeArticle("Mid", "2022-03-01T10:00:00Z", category: "Sport"),
        ])
        #expect(index.titles == ["New", "Mid", "Old"])
        #expect(index.days.map(\.period.title) == ["28 February 2022", "1 March 2022", "2 March 2022"])
        #expect(index.months.map(\.period.title) == ["February 2022", "March 2022"])
        #expect(index.years.count == 1 && index.years[0].articles.count == 3)
        #expect(index.categories.map(\.name) == ["News", "Sport"])
        let news = index.categories[0].articles.map { index.article($0).title }
        #expect(news == ["New", "Old"])
        let (older, newer) = index.neighbours(ofArticle: 0)
        #expect(older.map { index.article($0).title } == "Old")
        #expect(newer == nil)
    }

    /// Days are found as runs of the newest-first order; a zone whose clock went back across
    /// midnight can bring a day back after the next one, and the days still come out whole.
    @Test func aDayThatComesBackIsStillOneDay() {
        let base = Int64(19_052) * 86_400  // 2022-03-01T00:00:00Z
        var a = makeArticle("A", "2022-03-01T10:00:00Z", path: "content/a.md")
        var b = makeArticle("B", "2022-03-01T10:00:00Z", path: "content/b.md")
        var c = makeArticle("C", "2022-03-01T10:00:00Z", path: "content/c.md")
        // A and C on 2 March by their clocks, B, between them, on 1 March by its own.
        a.date = Timestamp(seconds: base + 80_000, offset: 10 * 3600)
        b.date = Timestamp(seconds: base + 81_000, offset: -2 * 3600)
        c.date = Timestamp(seconds: base + 82_000, offset: 10 * 3600)
        let index = SiteIndex(articles: [a, b, c])
        #expect(index.titles == ["C", "B", "A"])
        #expect(index.days.map(\.period.title) == ["1 March 2022", "2 March 2022"])
        #expect(index.days.map { $0.articles.map { index.article($0).title } } == [["B"], ["C", "A"]])
        #expect(index.months.count == 1 && index.months[0].articles.count == 3)
    }

    @Test func sameTimeIsOrderedByPathNotByInputOrder() {
        let a = makeArticle("A", "2022-03-01T10:00:00Z", path: "content/a.md")
        let b = makeArticle("B", "2022-03-01T10:00:00Z", path: "content/b.md")
        #expect(SiteIndex(articles: [a, b]).articles.map(\.path) == SiteIndex(articles: [b, a]).articles.map(\.path))
    }

    @Test func categoriesThatShareASlugMergeWithAWarning() {
        let index = SiteIndex(articles: [
            makeArticle("One", "2022-03-01T10:00:00Z", category: "Économie"),
            makeArticle("Two", "2022-03-02T10:00:00Z", category: "Économie"),
            makeArticle("Three", "2022-03-03T10:00:00Z", category: "economie"),
        ])
        #expect(index.categories.count == 1)
        #expect(index.categories[0].name == "Économie")
        #expect(index.articles.allSatisfy { $0.category == "Économie" })
        #expect(index.diagnostics.count == 1)
        #expect(index.diagnostics[0].severity == .warning)
        #expect(index.diagnostics[0].path == "content/three.md")
    }

    /// Two articles at one address each get one (the second by path, both without a source,
    /// takes its file's name), with a warning naming both.
    @Test func twoArticlesAtOneURLGetTwoAddresses() {
        let index = SiteIndex(articles: [
            makeArticle("Same", "2022-03-01T10:00:00Z", path: "content/b.md"),
            makeArticle("Same", "2022-03-01T12:00:00Z", path: "content/a.md"),
        ])
        #expect(index.diagnostics.count == 1)
        let d = index.diagnostics[0]
        #expect(d.severity == .warning && d.path == "content/b.md")
        #expect(d.message.contains("content/a.md") && d.message.contains("/2022/03/01/same/") && d.message.contains("/2022/03/01/same-b/"))
        #expect(Set(index.articles.map(\.slug)) == ["same", "same-b"])
        #expect(index.article(index.articles.firstIndex { $0.path == "content/b.md" }!).slug == "same-b")
    }

    @Test(arguments: [(0, 1, [0]), (1, 1, [1]), (20, 1, [20]), (21, 2, [20, 1]), (45, 3, [20, 20, 5])])
    func paginationEdges(_ items: Int, _ pages: Int, _ sizes: [Int]) {
        let p = Pagination(totalItems: items, perPage: 20)
        #expect(p.pageCount == pages)
        #expect((1...p.pageCount).map { p.range(ofPage: $0).count } == sizes)
    }

    /// Article paths sort by their UTF-8 bytes, as an array comparison of the bytes says, also
    /// for names Unicode holds equal (composed and decomposed accents).
    @Test func articlePathsSortByTheirBytes() {
        let pieces = ["content/", "2024/", "a", "b", "\u{E9}", "e\u{301}", "-", ".md", "\u{6771}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            func path() -> String {
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let a = path(), b = path()
            #expect(ContentLoader.precedesInBytes(a, b) == Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), "\(a) \(b)")
        }
    }

    /// Related articles are, by definition: of the articles within twelve places either side
    /// in each of the article's tags (not itself, not another version of its story), those in
    /// the most of its tags, then the nearest in time, then the first in the index; a story's
    /// later versions skipped; five at most. Random sites, some with stories so large that the
    /// best candidates are mostly versions of one story.
    @Test func relatedArticlesAreTheBestCandidatesEachStoryOnce() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let count = Int.random(in: 1...300, using: &generator)
            var clock = Int64(1_700_000_000)
            let times = (0..<count).map { _ -> Int64 in
                clock -= Int64.random(in: 0...7_200, using: &generator)
                return clock
            }
            let tagCount = Int.random(in: 1...8, using: &generator)
            let storyCount = round % 2 == 0 ? 3 : 40
            let storyOf = (0..<count).map { _ in Int32.random(in: -1..<Int32(storyCount), using: &generator) }
            var members = [[Int]](repeating: [], count: tagCount)
            var tagsOf = [[Int]](repeating: [], count: count)
            for i in 0..<count {
                for t in 0..<tagCount where Int.random(in: 0..<3, using: &generator) == 0 {
                    members[t].append(i)
                    tagsOf[i].append(t)
                }
            }
            let tags = members.enumerated().map { SiteIndex.Section(name: "t\($0.offset)", slug: "t\($0.offset)", articles: $0.element) }
            let found = SiteIndex.related(times: times, tags: tags, tagsOf: tagsOf, storyOf: storyOf, range: 0..<count)
            for i in 0..<count {
                var counts: [Int: Int] = [:]
                for t in tagsOf[i] {
                    let list = tags[t].articles
                    let at = list.firstIndex { $0 >= i } ?? list.count
                    for j in list[max(0, at - 12)..<min(list.count, at + 13)] where j != i && (storyOf[i] < 0 || storyOf[j] != storyOf[i]) {
                        counts[j, default: 0] += 1
                    }
                }
                let ranked = counts.keys.sorted { a, b in
                    counts[a]! != counts[b]! ? counts[a]! > counts[b]! : (abs(times[a] - times[i]), a) < (abs(times[b] - times[i]), b)
                }
                var stories = Set<Int32>()
                var expected: [Int] = []
                for j in ranked where expected.count < 5 {
                    if storyOf[j] >= 0, !stories.insert(storyOf[j]).inserted { continue }
                    expected.append(j)
                }
                #expect(found[i] == expected, "article \(i) of \(count)")
            }
        }
    }

    /// The sitemap lists pages in the order of their addresses: sorted by bytes where every
    /// address is ASCII, as `Route`'s `<` sorts them either way (also with accents composed and
    /// decomposed, where the two orders differ).
    @Test func sitemapPagesSortAsTheirRoutes() {
        var generator = SystemRandomNumberGenerator()
        for pieces in [["a", "b", "aaaaaaaaaaaa", "-", "2", "10"], ["a", "b", "\u{E9}", "e\u{301}", "-", "\u{6771}"]] {
            for _ in 0..<50 {
                let pages = (0..<Int.random(in: 0...80, using: &generator)).map { _ -> Page in
                    let slug = (0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                    let route: Route =
                        Bool.random(using: &generator)
                        ? .article(date: Timestamp(seconds: Int64.random(in: 0...3, using: &generator) * 86_400, offset: 0), slug: slug)
                        : .section(.tag, slug, page: Int.random(in: 1...12, using: &generator))
                    return Page(route: route, kind: .notFound)
                }
                #expect(SitemapPlan.byAddress(pages).map(\.route) == pages.map(\.route).sorted())
            }
        }
    }

    /// The sort by sixteen-byte keys gives the order of `precedesInBytes`: paths shorter and
    /// longer than the keys, paths equal in their keys, repeated paths, non-ASCII ones.
    @Test func articlePathsSortedByKeysAsByBytes() {
        let pieces = ["2024/", "03/", "a", "b", "aaaaaaaa", "\u{E9}", "e\u{301}", "-", ".md", "/", "\u{6771}", "2024/03/01/"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let paths = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                "content/" + (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let all = paths + paths.prefix(3)
            #expect(ContentLoader.sortedInBytes(all, from: 8) == all.sorted(by: ContentLoader.precedesInBytes))
        }
        let filtered = ContentLoader.articlePaths(in: [
            "content/b.md", "content/a.markdown", "content/.x.md", "other/c.md", "content/a/b.md",
        ])
        #expect(filtered == ["content/a.markdown", "content/a/b.md", "content/b.md"])
    }
}
