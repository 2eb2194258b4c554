import Foundation
import Testing

@testable import Gazette

/// Who wrote a feed's items, and when undated ones are dated.
@Suite struct ImportFeedSourceTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func theOutletIsTheSitePartOfTheFeedTitle() {
        func name(_ title: String, _ site: String? = nil) -> String { FeedReader.outletName(fromTitle: title, site: site) }
        #expect(name("World news | The Guardian", "https://www.theguardian.com/world") == "The Guardian")
        #expect(name("World news | The Guardian") == "The Guardian")
        #expect(name("BBC News - World", "https://www.bbc.co.uk/news/world") == "BBC News")
        #expect(name("Latest — Nikkei Asia", "https://asia.nikkei.com/") == "Nikkei Asia")
        #expect(name("Tech :: Example Wire") == "Example Wire")
        #expect(name("Kyodo News") == "Kyodo News")
        // A hyphen inside a word is no separator.
        #expect(name("Jakarta-Post") == "Jakarta-Post")
    }

    func rss(channel: String, item: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
            <title>World news | The Guardian</title><link>https://www.theguardian.com/world</link>
            \(channel)
            <item><title>Port strike ends</title><link>https://www.theguardian.com/world/port</link>\(item)</item>
            </channel></rss>
            """.utf8)
    }

    @Test func anItemWithoutADateTakesTheFeedsDate() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let reader = ArticleReader(timeZone: utc, dropPatterns: [], now: now)
        let built = try reader.read(bytes: rss(channel: "<lastBuildDate>Tue, 12 Mar 2024 09:30:00 GMT</lastBuildDate>", item: ""))
        #expect(built.problems.isEmpty)
        #expect(built.articles.map(\.date.iso8601) == ["2024-03-12T09:30:00Z"])
        #expect(
            built.warnings == [
                "item 1 ('Port strike ends'): no date (pubDate or dc:date); dated with the feed's lastBuildDate, 2024-03-12T09:30:00Z"
            ])
        #expect(built.articles.first?.source == "The Guardian")
        // No date anywhere: the time of import.
        let bare = try reader.read(bytes: rss(channel: "", item: ""))
        #expect(bare.articles.map(\.date.seconds) == [1_700_000_000])
        #expect(bare.warnings.first?.contains("dated with the time of import") == true)
        // A dated item says nothing.
        let dated = try reader.read(bytes: rss(channel: "", item: "<pubDate>Mon, 11 Mar 2024 08:00:00 GMT</pubDate>"))
        #expect(dated.warnings.isEmpty && dated.articles.map(\.date.iso8601) == ["2024-03-11T08:00:00Z"])
    }

    @Test func aFeedListedInSourcesIsNamedAsTheListNamesIt() throws {
        let names = [ArticleIdentity.normalizedURL("https://www.theguardian.com/world/rss"): "Guardian World"]
        let reader = ArticleReader(timeZone: utc, dropPatterns: [], sourceNames: names)
        let selfLink = #"<atom:link rel="self" href="https://www.theguardian.com/world/rss"/>"#
        let listed = try reader.read(bytes: rss(channel: selfLink, item: "<pubDate>Mon, 11 Mar 2024 08:00:00 GMT</pubDate>"))
        #expect(listed.articles.first?.source == "Guardian World")
        // An item that names its own outlet keeps it.
        let own = try reader.read(
            bytes: rss(
                channel: selfLink,
                item: "<pubDate>Mon, 11 Mar 2024 08:00:00 GMT</pubDate><source url=\"https://r.example/\">Reuters</source>"))
        #expect(own.articles.first?.source == "Reuters")
    }

    @Test func anAtomEntryWithoutADateTakesTheFeedsUpdated() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>The Verge - Tech</title>
            <link href="https://www.theverge.com/"/><updated>2024-03-12T10:00:00Z</updated><id>urn:x</id>
            <entry><title>Chip plant opens</title><link href="https://www.theverge.com/chips"/><id>urn:y</id></entry>
            </feed>
            """
        let read = try ArticleReader(timeZone: utc, dropPatterns: []).read(bytes: Array(atom.utf8))
        #expect(read.articles.map(\.date.iso8601) == ["2024-03-12T10:00:00Z"])
        #expect(read.articles.first?.source == "The Verge")
        #expect(
            read.warnings == [
                "entry 1 ('Chip plant opens'): no date (published or updated); dated with the feed's updated, 2024-03-12T10:00:00Z"
            ])
    }
}
