import Foundation
import Testing

/// The reader's pages as a front page: a lead story, when the site last changed, headlines with
/// a way to the original, summaries that say something, and a 404 page that helps.
@Suite struct FrontPageTests {
    /// The `<main>` of a page.
    static func main(_ html: String) -> String {
        html.components(separatedBy: "<main").last?.components(separatedBy: "</main>").first ?? ""
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Two editions; the newest has a story told by two outlets and a featured article.
    static func spec(featured: String = "featured: true\n", layout: String = "") -> String {
        "-- site.yml --\ntimezone: Asia/Singapore\n\(layout)"
            + "-- content/old.md --\n"
            + article(
                "Old featured story", "2024-03-08T09:00:00+08:00", "World", extra: "featured: true\nupdated: 2024-03-08T10:00:00+08:00\n")
            + "-- content/quake.md --\n"
            + article(
                "Quake shakes Taipei", "2024-03-09T08:00:00+08:00", "World",
                extra: "source: Focus Taiwan\noriginal_url: https://focustaiwan.tw/a/1\n")
            + "-- content/quake-2.md --\n"
            + article(
                "Strong quake hits Taiwan", "2024-03-09T09:00:00+08:00", "World",
                extra: "source: Kyodo\nstory: 2024/03/09/quake-shakes-taipei\n")
            + "-- content/chips.md --\n"
            + article("Chip plant opens in Kumamoto", "2024-03-09T10:00:00+08:00", "Business", extra: featured)
            + "-- content/rates.md --\n"
            + article(
                "Rates held", "2024-03-09T11:00:00+08:00", "Business",
                extra: "original_url: https://www.example.com/rates?x=1\nupdated: 2024-03-09T18:30:00+08:00\n")
    }

    @Test func theNewestEditionsFeaturedArticleLeadsAndIsNotListedTwice() throws {
        let site = try TestSite(Self.spec())
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let home = Self.main(try #require(site.file("public/index.html")))
        let lead = try #require(home.components(separatedBy: "<article class=\"lead-story").dropFirst().first)
        let leadPart = try #require(lead.components(separatedBy: "</article>").first)
        #expect(leadPart.contains("Chip plant opens in Kumamoto"))
        #expect(Self.count("Chip plant opens in Kumamoto", in: home) == 1, "the lead is not listed again under its day")
        // An older edition's featured article is listed, not leading.
        #expect(!leadPart.contains("Old featured story") && home.contains("Old featured story"))
    }

    @Test func withoutFeaturedTheStoryToldByMostOutletsLeads() throws {
        let site = try TestSite(Self.spec(featured: ""))
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let home = Self.main(try #require(site.file("public/index.html")))
        let lead = try #require(
            home.components(separatedBy: "<article class=\"lead-story").dropFirst().first?.components(separatedBy: "</article>").first)
        #expect(lead.contains("Quake shakes Taipei"))
        #expect(lead.contains("Also:") && lead.contains(">Kyodo</a>"))
        // Page 2 of the home page (if any) has no lead; page 1 says when the site last changed:
        // the latest `updated:`, in the zone's short name.
        #expect(home.contains("Last updated 9 March 2024, 18:30 SGT"))
        #expect(home.contains("datetime=\"2024-03-09T18:30:00+08:00\""))
    }

    /// A later version marked featured makes its story lead, under the version the home page
    /// lists; the "last updated" time is written as the site's language writes a moment.
    @Test func aFeaturedVersionLeadsAsItsStory() throws {
        // The chip story is told three times and would lead; the quake's second version is
        // marked featured, and the home page lists the quake under its first version.
        let quake = "story: 2024/03/09/quake-shakes-taipei\n", chips = "story: 2024/03/09/chip-plant-opens-in-kumamoto\n"
        let site = try TestSite(
            "-- site.yml --\ntimezone: Asia/Tokyo\nlanguage: ja\n"
                + "-- content/q1.md --\n" + article("Quake shakes Taipei", "2024-03-09T08:00:00+09:00", "World")
                + "-- content/q2.md --\n"
                + article("Strong quake hits Taiwan", "2024-03-09T09:00:00+09:00", "World", extra: quake + "featured: true\n")
                + "-- content/c1.md --\n" + article("Chip plant opens in Kumamoto", "2024-03-09T10:00:00+09:00", "Business")
                + "-- content/c2.md --\n" + article("Kumamoto chip plant starts", "2024-03-09T10:30:00+09:00", "Business", extra: chips)
                + "-- content/c3.md --\n" + article("TSMC opens Japan plant", "2024-03-09T10:45:00+09:00", "Business", extra: chips)
                + "-- content/r.md --\n"
                + article("Rates held", "2024-03-09T11:00:00+09:00", "Business", extra: "updated: 2024-03-09T19:30:00+09:00\n"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let home = Self.main(try #require(site.file("public/index.html")))
        let lead = try #require(
            home.components(separatedBy: "<article class=\"lead-story").dropFirst().first?.components(separatedBy: "</article>").first)
        #expect(lead.contains("Quake shakes Taipei"), "\(lead)")
        // "Last updated" as Japanese writes a moment.
        #expect(home.contains("最終更新 2024年3月9日 19:30 JST"), "\(home)")
    }

    @Test func listsLinkTheOriginalAndTheArticleSaysSoTwice() throws {
        let site = try TestSite(Self.spec())
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let home = Self.main(try #require(site.file("public/index.html")))
        // Named by the original's site, without `www.`.
        #expect(
            home.contains(
                "class=\"outbound\" href=\"https://focustaiwan.tw/a/1\" rel=\"noopener\"><span aria-hidden=\"true\">↗</span> focustaiwan.tw"
            ))
        #expect(
            home.contains(
                "class=\"outbound\" href=\"https://www.example.com/rates?x=1\" rel=\"noopener\"><span aria-hidden=\"true\">↗</span> example.com<"
            ))
        let category = Self.main(try #require(site.file("public/category/world/index.html")))
        #expect(category.contains("class=\"outbound\" href=\"https://focustaiwan.tw/a/1\""))
        let page = Self.main(try #require(site.file("public/2024/03/09/quake-shakes-taipei/index.html")))
        #expect(Self.count("href=\"https://focustaiwan.tw/a/1\"", in: page) == 2, "under the byline and at the end")
        let header = try #require(page.components(separatedBy: "</header>").first)
        #expect(header.contains("Read the original at Focus Taiwan"))
        #expect(header.contains("08:00 <abbr title=\"UTC+08:00\">SGT</abbr>"))
        // `updated:` shows as a note.
        let rates = Self.main(try #require(site.file("public/2024/03/09/rates-held/index.html")))
        #expect(
            rates.contains(
                "<p class=\"update-note\"><time datetime=\"2024-03-09T18:30:00+08:00\">Updated 9 March 2024, 18:30 SGT</time></p>"))
    }

    @Test func theDigestLayoutListsHeadlinesOnly() throws {
        let summaries = try TestSite(Self.spec())
        defer { summaries.remove() }
        #expect(try summaries.build().status == 0)
        #expect(try #require(summaries.file("public/index.html")).contains("<p class=\"summary\">Body text.</p>"))

        let digest = try TestSite(Self.spec(layout: "home_layout: digest\n"))
        defer { digest.remove() }
        #expect(try digest.build().status == 0)
        let home = Self.main(try #require(digest.file("public/index.html")))
        // Headlines only, but for the lead story's summary.
        let lists = home.components(separatedBy: "<div class=\"day-categories digest\">").dropFirst()
        #expect(lists.count == 2)
        #expect(lists.allSatisfy { !$0.components(separatedBy: "</div>")[0].contains("class=\"summary\"") })
        #expect(lists.joined().contains("Rates held"))
        #expect(Self.count("class=\"summary\"", in: home) == 1)

        let wrong = try TestSite(Self.spec(layout: "home_layout: compact\n"))
        defer { wrong.remove() }
        let run = try wrong.build()
        #expect(run.status != 0)
        #expect(run.stderr.contains("site.yml:2:14: error: home_layout: expected 'summaries'"), "\(run.stderr)")
    }

    @Test func summariesNeverRepeatTheHeadlineNorComeOutEmpty() throws {
        let site = try TestSite(
            "-- site.yml --\ntitle: Wire\n"
                + "-- content/photo.md --\n"
                + article(
                    "Typhoon nears Okinawa", "2024-03-09T08:00:00Z", "Weather",
                    body: "![](https://example.org/typhoon.jpg)\n\nWinds of 180 km/h are forecast for Naha by Sunday.")
                + "-- content/same.md --\n"
                + article(
                    "Yen slips past 150", "2024-03-09T09:00:00+09:00", "Markets",
                    body: "Yen slips past 150!\n\nTraders cited the widening gap in yields.")
                + "-- content/given.md --\n"
                + article(
                    "Nikkei closes higher", "2024-03-09T10:00:00+09:00", "Markets", body: "The index rose 1.2%.",
                    extra: "summary: \"Nikkei closes higher\"\n")
                + "-- content/bare.md --\n"
                + article(
                    "Photo of the day", "2024-03-09T11:00:00+09:00", "Weather", body: "![A rainbow over Kobe](https://example.org/r.jpg)"
                ))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let category = Self.main(try #require(site.file("public/category/markets/index.html")))
        #expect(category.contains("<p class=\"summary\">Traders cited the widening gap in yields.</p>"))
        #expect(category.contains("<p class=\"summary\">The index rose 1.2%.</p>"))
        let weather = Self.main(try #require(site.file("public/category/weather/index.html")))
        #expect(weather.contains("<p class=\"summary\">Winds of 180 km/h are forecast for Naha by Sunday.</p>"))
        #expect(!weather.contains("<p class=\"summary\"></p>") && !weather.contains("A rainbow over Kobe</p>"))
        #expect(Self.count("class=\"summary\"", in: weather) == 1, "the image-only article has no summary")
        // An article led by an image still describes itself, and its images load lazily.
        let photo = try #require(site.file("public/2024/03/09/typhoon-nears-okinawa/index.html"))
        #expect(photo.contains("<meta name=\"description\" content=\"Winds of 180 km/h are forecast for Naha by Sunday.\">"))
        #expect(photo.contains("<img loading=\"lazy\" decoding=\"async\" src=\"https://example.org/typhoon.jpg\" alt=\"\" />"))
    }

    @Test func theNotFoundPageListsTheLatestHeadlinesAndNamesNoCanonical() throws {
        let site = try TestSite(Self.spec())
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let page = try #require(site.file("public/404.html"))
        #expect(!page.contains("rel=\"canonical\""))
        #expect(!page.contains("og:url"))
        let latest = try #require(page.components(separatedBy: "<section class=\"latest\"").dropFirst().first)
        #expect(latest.contains("Latest headlines"))
        #expect(latest.contains("Rates held") && latest.contains("Chip plant opens in Kumamoto"))
        // Each story once.
        #expect(!latest.contains("Strong quake hits Taiwan"))
    }

    @Test func leadImagesCarryTheirSizeCaptionAndCredit() throws {
        let site = try TestSite(
            "-- content/a.md --\n"
                + article(
                    "Floods in Jakarta", "2024-03-09T08:00:00+07:00", "World",
                    extra:
                        "image: https://example.org/flood.jpg\nimage_alt: A flooded street\nimage_width: 1200\nimage_height: 800\nimage_caption: Central Jakarta on Friday\nimage_credit: Photo by A. Putri\n"
                )
                + "-- content/b.md --\n"
                + article("Bad size", "2024-03-09T09:00:00+07:00", "World", extra: "image_width: wide\n"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status != 0)
        #expect(run.stderr.contains("content/b.md:5:14: error: image_width: expected a whole number of pixels"), "\(run.stderr)")
        try site.write("content/b.md", article("Bad size", "2024-03-09T09:00:00+07:00", "World"))
        #expect(try site.build().status == 0)
        let page = try #require(site.file("public/2024/03/09/floods-in-jakarta/index.html"))
        #expect(
            page.contains(
                "<img src=\"https://example.org/flood.jpg\" alt=\"A flooded street\" width=\"1200\" height=\"800\">"))
        #expect(page.contains("<figcaption>Central Jakarta on Friday <span class=\"credit\">Photo by A. Putri</span></figcaption>"))
    }
}
