import Foundation
import Testing

/// The archive as a reader walks it: the archive root lists the years, a year its months, a
/// month its days, and a day (an edition) every story by category; previous and next lead to
/// the neighbouring periods that have articles.
@Suite struct ArchiveTests {
    /// Articles in January, March (none in February) and December 2023, and in 2024.
    static let spec =
        "-- site.yml --\ntimezone: Asia/Tokyo\n"
        + [
            ("jan-a", "Tokyo stocks open the year higher", "2023-01-04T09:00:00+09:00", "Markets"),
            ("jan-b", "Yen weakens past 131 per dollar", "2023-01-04T11:00:00+09:00", "Markets"),
            ("jan-c", "Kishida visits Ise shrine", "2023-01-04T15:00:00+09:00", "Japan"),
            ("jan-d", "Seoul lifts cold wave alert", "2023-01-05T08:00:00+09:00", "Korea"),
            ("jan-e", "Nikkei ends first week up 1.2%", "2023-01-06T15:30:00+09:00", "Markets"),
            ("mar-a", "Bank of Japan holds rates", "2023-03-10T12:00:00+09:00", "Markets"),
            ("dec-a", "Year-end rally lifts Topix", "2023-12-29T15:30:00+09:00", "Markets"),
            ("y24-a", "Noto quake: rescue teams reach Wajima", "2024-01-02T10:00:00+09:00", "Japan"),
        ].map { name, title, date, category in "-- content/\(name).md --\n" + article(title, date, category) }.joined()

    /// The `href` of each `<a rel="…">` of `html`.
    static func rel(_ rel: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<a rel=\"\(rel)\" href=\"([^\"]*)\"")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!])
        }
    }

    @Test func yearsMonthsAndDaysLinkEachOther() throws {
        let site = try TestSite(Self.spec)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(site.file("public/archive/index.html"))
        #expect(root.contains("href=\"../2023/\"") && root.contains("href=\"../2024/\""))
        #expect(root.contains("href=\"../2023/01/\">January</a>") && root.contains("href=\"../2023/12/\">December</a>"))
        #expect(!root.contains("href=\"../2023/02/\""), "a month without articles has no page to link")

        let year = try #require(site.file("public/2023/index.html"))
        for month in ["01", "03", "12"] { #expect(year.contains("href=\"../2023/\(month)/\""), "\(month)") }
        #expect(year.contains("7 articles"))
        #expect(year.contains("5 articles"), "January's count")
        // A year lists a few headlines of each month, not every article.
        #expect(year.contains("All articles of January 2023"))
        let main = try #require(year.components(separatedBy: "<main").last?.components(separatedBy: "</main>").first)
        #expect(main.components(separatedBy: "<li>").count - 1 == 3 + 1 + 1)
        #expect(Self.rel("next", in: year) == ["../2024/"])
        #expect(Self.rel("prev", in: year).isEmpty)

        let january = try #require(site.file("public/2023/01/index.html"))
        for day in ["04", "05", "06"] { #expect(january.contains("href=\"../../2023/01/\(day)/\"")) }
        // Across the empty February.
        #expect(Self.rel("next", in: january) == ["../../2023/03/"])
        let march = try #require(site.file("public/2023/03/index.html"))
        #expect(Self.rel("prev", in: march) == ["../../2023/01/"])
        #expect(Self.rel("next", in: march) == ["../../2023/12/"])
        // Across the year's end.
        let december = try #require(site.file("public/2023/12/index.html"))
        #expect(Self.rel("next", in: december) == ["../../2024/01/"])

        // The edition: every article of the day, by category.
        let day = try #require(site.file("public/2023/01/04/index.html"))
        #expect(day.contains("Tokyo stocks open the year higher") && day.contains("Yen weakens") && day.contains("Kishida visits"))
        let japan = try #require(day.range(of: ">Japan</a>")), markets = try #require(day.range(of: ">Markets</a>"))
        #expect(japan.lowerBound < markets.lowerBound)
        #expect(Self.rel("next", in: day) == ["../../../2023/01/05/"])
        #expect(Self.rel("prev", in: day).isEmpty)
        let fifth = try #require(site.file("public/2023/01/06/index.html"))
        #expect(Self.rel("next", in: fifth) == ["../../../2023/03/10/"])
    }

    /// The home page is paginated by edition: a day is never split between two pages, and a
    /// page holds whole days up to `per_page` articles (a larger day has a page of its own).
    @Test func theHomePageNeverSplitsAnEdition() throws {
        let site = try TestSite(Self.spec.replacingOccurrences(of: "timezone: Asia/Tokyo\n", with: "timezone: Asia/Tokyo\nper_page: 2\n"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let pages = ["public/index.html", "public/page/2/index.html", "public/page/3/index.html", "public/page/4/index.html"].map {
            site.file($0) ?? ""
        }
        #expect(!site.exists("public/page/5/index.html"))
        let days = ["2024-01-02", "2023-12-29", "2023-03-10", "2023-01-06", "2023-01-05", "2023-01-04"]
        for day in days {
            #expect(pages.filter { $0.contains("id=\"day-\(day)\"") }.count == 1, "\(day) is on one page")
        }
        #expect(pages[0].contains("id=\"day-2024-01-02\"") && pages[0].contains("id=\"day-2023-12-29\""))
        // Page 2 says which page it is; page 1 needs not.
        #expect(pages[1].contains("<p class=\"page-number\">Page 2 of 4</p>"))
        #expect(!pages[0].contains("class=\"page-number\""))
        #expect(pages[2].contains("id=\"day-2023-01-05\"") && !pages[2].contains("id=\"day-2023-01-04\""))
        for title in ["Tokyo stocks open the year higher", "Yen weakens past 131 per dollar", "Kishida visits Ise shrine"] {
            #expect(pages[3].contains(title))
        }
        #expect(pages[1].contains("<title>Gazette, page 2</title>"))
    }

    /// The cut-off moves what was published before it to the day before's edition; the
    /// article keeps its address and its date.
    @Test func theCutOffMovesAnArticleToThePreviousEdition() throws {
        let site = try TestSite(
            "-- site.yml --\ntimezone: Asia/Tokyo\nedition_cutoff: \"06:00\"\n"
                + "-- content/early.md --\n" + article("Overnight: Wall Street closes lower", "2024-03-10T05:59:00+09:00", "Markets")
                + "-- content/morning.md --\n" + article("Morning: Nikkei opens flat", "2024-03-10T06:00:00+09:00", "Markets")
                + "-- content/evening.md --\n" + article("Evening: yen steadies", "2024-03-09T21:00:00+09:00", "Markets"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let ninth = try #require(site.file("public/2024/03/09/index.html"))
        #expect(ninth.contains("Overnight: Wall Street closes lower") && ninth.contains("Evening: yen steadies"))
        #expect(!ninth.contains("Morning: Nikkei opens flat"))
        let tenth = try #require(site.file("public/2024/03/10/index.html"))
        #expect(tenth.contains("Morning: Nikkei opens flat") && !tenth.contains("Overnight"))
        // The article's own address and date are its own.
        let page = try #require(site.file("public/2024/03/10/overnight-wall-street-closes-lower/index.html"))
        #expect(page.contains("datetime=\"2024-03-10T05:59:00+09:00\""))
        #expect(page.contains("href=\"../../../../2024/03/09/\""), "its date links its edition")
        // The editions feed has the 9th with both of its articles.
        let editions = try #require(site.file("public/editions/feed.xml"))
        #expect(editions.contains("<link>https://example.org/digest/2024/03/09/</link>") || editions.contains("/2024/03/09/</link>"))
        #expect(editions.contains("2 articles in Markets"))
    }

    @Test func anAliasMergesTwoCategoriesIntoOnePageAndFeed() throws {
        let site = try TestSite(
            "-- site.yml --\ncategories:\n  - World\n  - Technology: [Tech]\n  - Economy: Business\n"
                + "-- content/a.md --\n" + article("Chipmaker expands in Kumamoto", "2024-03-10T10:00:00+09:00", "Tech")
                + "-- content/b.md --\n" + article("Robot taxis start in Tokyo", "2024-03-11T10:00:00+09:00", "Technology")
                + "-- content/c.md --\n" + article("Exports rise 7%", "2024-03-11T11:00:00+09:00", "Economy")
                + "-- content/d.md --\n" + article("Summit opens in Jakarta", "2024-03-11T12:00:00+09:00", "World")
                + "-- content/e.md --\n" + article("Rice harvest report", "2024-03-11T13:00:00+09:00", "Agriculture"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let technology = try #require(site.file("public/category/technology/index.html"))
        #expect(technology.contains("Chipmaker expands in Kumamoto") && technology.contains("Robot taxis start in Tokyo"))
        #expect(!site.exists("public/category/tech/index.html"))
        let feed = try #require(site.file("public/category/technology/feed.xml"))
        #expect(feed.contains("Chipmaker expands in Kumamoto") && feed.contains("Robot taxis start in Tokyo"))
        #expect(site.exists("public/category/business/index.html") && !site.exists("public/category/economy/index.html"))
        // The article page names the category as the editor does.
        let page = try #require(site.file("public/2024/03/10/chipmaker-expands-in-kumamoto/index.html"))
        #expect(page.contains(">Technology</a>"))
        // The navigation follows the editor's order, then the others by name.
        let nav = try #require(site.file("public/index.html")?.components(separatedBy: "<nav class=\"site-nav\"").last)
        let order = ["World", "Technology", "Business", "Agriculture"].map { nav.range(of: ">\($0)</a>")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    }

    @Test func nearDuplicateCategoriesAreWarnedAbout() throws {
        let site = try TestSite(
            "-- content/a.md --\n" + article("A", "2024-03-10T10:00:00+09:00", "Tech")
                + "-- content/b.md --\n" + article("B", "2024-03-11T10:00:00+09:00", "Technology")
                + "-- content/c.md --\n" + article("C", "2024-03-11T10:00:00+09:00", "Technology")
                + "-- content/d.md --\n" + article("D", "2024-03-11T11:00:00+09:00", "Market")
                + "-- content/e.md --\n" + article("E", "2024-03-11T12:00:00+09:00", "Markets")
                + "-- content/f.md --\n" + article("F", "2024-03-11T13:00:00+09:00", "Korea"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/a.md:1:1: warning: category 'Tech' looks like 'Technology'"), "\(run.stderr)")
        #expect(run.stderr.contains("'Market'") && run.stderr.contains("'Markets'"), "\(run.stderr)")
        #expect(!run.stderr.contains("'Korea'"))
        // Aliased, the warning goes.
        try site.write("site.yml", "categories:\n  Tech: Technology\n  Market: Markets\n")
        let again = try site.build()
        #expect(again.status == 0 && !again.stderr.contains("looks like"), "\(again.stderr)")
    }

    @Test func aBadCategoriesOrCutOffIsAnErrorAtItsPlace() throws {
        let site = try TestSite(
            "-- site.yml --\ntitle: X\nedition_cutoff: \"25:00\"\n" + "-- content/a.md --\n" + article("A", "2024-03-10T10:00:00Z", "World")
        )
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status != 0)
        #expect(run.stderr.contains("site.yml:2:17: error: edition_cutoff:"), "\(run.stderr)")
        try site.write("site.yml", "categories:\n  Tech: Technology\n  IT: Technology\n  Technology: [Tech]\n  Science: [IT]\n")
        let alias = try site.build()
        #expect(alias.status != 0)
        #expect(alias.stderr.contains("'IT' is given to both 'Technology' and 'Science'"), "\(alias.stderr)")
    }
}

/// Dates and labels in the site's language, from CLDR and the theme's translation tables.
@Suite struct LanguageTests {
    static func site(_ language: String, extra: String = "") throws -> TestSite {
        try TestSite(
            "-- site.yml --\nlanguage: \(language)\ntimezone: Asia/Tokyo\n\(extra)"
                + "-- content/a.md --\n"
                + article(
                    "Kishida visits Ise", "2024-03-09T10:00:00+09:00", "Japan",
                    extra: "source: Kyodo\nauthor: Aki Sato\noriginal_url: https://kyodo.example/a\nupdated: 2024-06-20T10:00:00+09:00\n")
                + "-- content/b.md --\n"
                + article("Nikkei closes higher", "2024-03-12T15:30:00+09:00", "Markets", extra: "source: Nikkei\n"))
    }

    /// Every page of the site, as text without its markup's attributes and its articles' own words.
    static func pages(of site: TestSite) -> [(String, String)] {
        site.files().filter { $0.hasSuffix(".html") }.map { ($0, site.file("public/\($0)") ?? "") }
    }

    static let englishDateWords = [
        "January", "February", "March", "April", "May ", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
    /// English labels that are no word of the languages tested.
    static let englishLabels = [
        "Skip to content", "Also reported by", "Read the original", "Previous in", "Next in", "Follow", "All of", "Page not found",
        "Daily editions", "Newer", "Older", "Made with", "Archive by year", "Last updated", "Latest headlines", "Updated",
    ]

    @Test(arguments: [
        ("ja", "2024年3月9日", "3月", "スキップ"), ("de", "9. März 2024", "März 2024", "Zum Inhalt"),
        ("fr", "9 mars 2024", "mars 2024", "Aller au contenu"),
    ])
    func datesAndLabelsFollowTheLanguage(language: String, day: String, month: String, skip: String) throws {
        let site = try Self.site(language)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
        let home = try #require(site.file("public/index.html"))
        #expect(home.contains("<html lang=\"\(language)\" dir=\"ltr\">"))
        #expect(home.contains(skip), "\(home)")
        let article = try #require(site.file("public/2024/03/09/kishida-visits-ise/index.html"))
        #expect(article.contains(day), "\(article)")
        let locale = ["ja": "ja_JP", "de": "de_DE", "fr": "fr_FR"][language]!
        #expect(article.contains("<meta property=\"og:locale\" content=\"\(locale)\">"))
        #expect(site.file("public/2024/03/index.html")?.contains(month) == true)
        for (path, html) in Self.pages(of: site) {
            // What the reader sees: the text between tags, with the articles' own words left out.
            let text = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "Kishida visits Ise", with: "").replacingOccurrences(of: "Nikkei closes higher", with: "")
            for word in Self.englishDateWords { #expect(!text.contains(word), "\(path) shows '\(word)'") }
            for label in Self.englishLabels { #expect(!text.contains(label), "\(path) shows '\(label)'") }
        }
        let editions = try #require(site.file("public/editions/feed.xml"))
        for word in Self.englishDateWords { #expect(!editions.contains(word), "the editions feed shows '\(word)'") }
    }

    @Test func aSiteOverridesALabelAndAMissingOneFallsBackWithAWarning() throws {
        let site = try Self.site("ja")
        defer { site.remove() }
        try site.write("Templates/i18n/ja.yml", "related: 関連ニュース\nno_such_label: x\n")
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Templates/i18n/ja.yml:1:1: warning: 'no_such_label' is not a label of the theme"), "\(run.stderr)")
        // The site's file adds to the built-in one: other labels stay Japanese.
        #expect(!run.stderr.contains("no label"), "\(run.stderr)")
        let home = try #require(site.file("public/index.html"))
        #expect(home.contains("コンテンツへスキップ") || home.contains("スキップ"))

        // A language with no table: English labels, dates in the language, one warning.
        let other = try Self.site("it")
        defer { other.remove() }
        let italian = try other.build()
        #expect(italian.status == 0)
        #expect(italian.stderr.contains("Templates/i18n/it.yml:1:1: warning: no labels for the language 'it'"), "\(italian.stderr)")
        #expect(other.file("public/2024/03/09/kishida-visits-ise/index.html")?.contains("9 marzo 2024") == true)
        #expect(other.file("public/index.html")?.contains("Skip to content") == true)

        // A table that lacks a key: the English text, and a warning naming the key.
        let partial = try TestSite(
            "-- site.yml --\nlanguage: it\n-- Templates/i18n/it.yml --\nskip_to_content: Salta al contenuto\n"
                + "-- content/a.md --\n" + article("A", "2024-03-09T10:00:00Z", "World"))
        defer { partial.remove() }
        let missing = try partial.build()
        #expect(missing.status == 0)
        #expect(missing.stderr.contains("Templates/i18n/it.yml:1:1: warning: no labels for 'it' of "), "\(missing.stderr)")
        #expect(missing.stderr.contains(", related,"), "\(missing.stderr)")
        #expect(partial.file("public/index.html")?.contains("Salta al contenuto") == true)
    }

    @Test func rightToLeftLanguagesAreMarked() throws {
        let site = try Self.site("ar")
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.file("public/index.html")?.contains("<html lang=\"ar\" dir=\"rtl\">") == true)
        // The stylesheet uses logical sides only, so that it works mirrored.
        let css = try #require(site.file("public/assets/style.css"))
        for physical in [
            "padding-left", "padding-right", "margin-left", "margin-right", "border-left", "float: right", "float: left",
            "text-align: right", "left:",
        ] {
            #expect(!css.contains(physical), "\(physical)")
        }
    }
}
