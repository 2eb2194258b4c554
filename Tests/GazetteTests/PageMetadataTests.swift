import Foundation
import Testing

@testable import Gazette

@Suite struct PageMetadataTests {
    @Test func jsonLDCannotCloseItsScriptAndReadsBackTheSameText() throws {
        let config = try SiteConfig.parse(
            "title: \"Q & A </script>\"\nbase_url: https://example.org/\nlogo: https://example.org/logo.png\n")
        var a = makeArticle("Tom </script><!-- & \"Jerry\"", "2022-03-12T23:30:00+09:00", category: "A & B", zone: "Asia/Tokyo")
        a.author = "Ann <Lee>"
        a.tags = ["x", "y"]
        a.originalURL = "https://elsewhere.example/a?b=1&c=2"
        a.image = "images/a b.jpg"
        a.updated = try ISO8601Reader.read("2022-03-13T01:00:00+09:00", in: TimeZone(identifier: "Asia/Tokyo")!)
        let permalink = "https://example.org/2022/03/12/tom/"
        let json = PageMetadata.newsArticle(a, permalink: permalink, config: config)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "NewsArticle")
        #expect(object["headline"] as? String == "Tom </script><!-- & \"Jerry\"")
        #expect(object["datePublished"] as? String == "2022-03-12T23:30:00+09:00")
        #expect(object["dateModified"] as? String == "2022-03-13T01:00:00+09:00")
        #expect((object["author"] as? [String: Any])?["name"] as? String == "Ann <Lee>")
        let publisher = try #require(object["publisher"] as? [String: Any])
        #expect(publisher["name"] as? String == "Q & A </script>")
        #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://example.org/logo.png")
        #expect(object["isBasedOn"] as? String == "https://elsewhere.example/a?b=1&c=2")
        #expect(object["image"] as? [String] == ["https://example.org/images/a%20b.jpg"])
        #expect(object["keywords"] as? [String] == ["x", "y"])
        #expect((object["mainEntityOfPage"] as? [String: Any])?["@id"] as? String == permalink)
    }

    @Test func openGraphNamesTheArticle() throws {
        let config = try SiteConfig.parse("title: Wire\nlanguage: ja\n")
        var a = makeArticle("One", "2022-03-12T23:30:00+09:00", category: "Japan", zone: "Asia/Tokyo")
        a.tags = ["Yen"]
        a.image = "https://img.example.org/x.jpg"
        let tags = PageMetadata.article(a, canonical: "https://example.org/one/", config: config)
        func value(_ name: String) -> [String] { tags.filter { $0.name == name }.map(\.content) }
        #expect(value("og:type") == ["article"])
        #expect(value("og:url") == ["https://example.org/one/"])
        #expect(value("og:locale") == ["ja_JP"])
        #expect(value("og:image") == ["https://img.example.org/x.jpg"])
        #expect(value("article:tag") == ["Yen"])
        #expect(value("article:published_time") == ["2022-03-12T23:30:00+09:00"])
        #expect(value("twitter:card") == ["summary_large_image"])
        #expect(tags.first { $0.name == "twitter:card" }?.attribute == "name")
        #expect(PageMetadata.ogLocale("en-GB") == "en_GB")
    }

    @Test func imagesAreURLsOrFilesOfStatic() throws {
        func reference(_ text: String) -> String? { try? FrontMatter.imageReference(text).get() }
        #expect(reference("/images/a.jpg") == "images/a.jpg")
        #expect(reference("static/images/a.jpg") == "images/a.jpg")
        #expect(reference("https://x.org/a.jpg") == "https://x.org/a.jpg")
        for bad in ["javascript:alert(1)", "../secret.jpg", "images/../../x", "data:image/png;base64,AA", "a.jpg?x", "//evil.org/a.jpg"] {
            #expect(reference(bad) == nil, "\(bad)")
        }
    }
}
