import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Slugs in any script: the folder on disk in the script itself, every URL percent-encoded.
@Suite struct UnicodeSlugTests {
    static let spec = """
        -- site.yml --
        base_url: https://example.org/digest/
        timezone: Asia/Tokyo
        -- content/ja.md --
        \(article("日本、安保戦略でロシアを「挑戦」と位置付けへ", "2022-03-12T05:02:00+09:00", "日本", extra: "tags: [東京]\nsource: 毎日新聞\n"))
        -- content/ru.md --
        \(article("Путин заявил о ПЕРЕГОВОРАХ", "2022-03-12T06:00:00+09:00", "World"))
        -- content/en.md --
        \(article("Japan may label Russia as ‘challenge’", "2022-03-12T07:00:00+09:00", "Japan"))
        """

    /// RFC 3986 percent-encoding of UTF-8, upper-case hex, as Foundation does it.
    static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
    }

    @Test func linksFeedsAndSitemapCarryPercentEncodedUnicodeSlugs() throws {
        let site = try TestSite(Self.spec)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let ja = "2022/03/12/日本-安保戦略でロシアを-挑戦-と位置付けへ/"
        let ru = "2022/03/12/путин-заявил-о-переговорах/"
        // On disk: the script itself.
        #expect(site.exists("public/\(ja)index.html"), "\(site.files())")
        #expect(site.exists("public/\(ru)index.html"))
        #expect(site.exists("public/category/日本/index.html"))
        #expect(site.exists("public/tag/東京/index.html"))
        #expect(site.exists("public/source/毎日新聞/index.html"))
        // ASCII slugs are as they were.
        #expect(site.exists("public/2022/03/12/japan-may-label-russia-as-challenge/index.html"))

        let home = try #require(site.file("public/index.html"))
        #expect(home.contains("href=\"\(Self.encoded(ja))\""), "\(home)")
        #expect(home.contains("href=\"\(Self.encoded(ru))\""))
        #expect(home.contains("href=\"category/\(Self.encoded("日本"))/\""))
        let page = try #require(site.file("public/\(ja)index.html"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/digest/\(Self.encoded(ja))\">"))
        #expect(page.contains("href=\"../../../../tag/\(Self.encoded("東京"))/\""))

        let absolute = "https://example.org/digest/" + Self.encoded(ja)
        let rss = try #require(site.file("public/feed.xml"))
        #expect(rss.contains("<link>\(absolute)</link>"))
        #expect(site.file("public/atom.xml")?.contains("href=\"\(absolute)\"") == true)
        #expect(
            site.file("public/feed.json")?.contains("\"url\":\"\(absolute.replacingOccurrences(of: "/", with: "\\/"))\"") == true
                || site.file("public/feed.json")?.contains("\"url\":\"\(absolute)\"") == true)
        let sitemap = try #require(site.file("public/sitemap-1.xml"))
        #expect(sitemap.contains("<loc>\(absolute)</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/digest/category/\(Self.encoded("日本"))/</loc>"))
        // Every URL a feed or the sitemap names is ASCII, and parses.
        for file in ["feed.xml", "atom.xml", "sitemap-1.xml", "news-sitemap.xml", "category/日本/feed.xml"] {
            let text = try #require(site.file("public/\(file)"), "\(file)")
            #expect(XMLParser(data: Data(text.utf8)).parse(), "\(file)")
            for loc in text.components(separatedBy: "<loc>").dropFirst() {
                let url = loc.prefix { $0 != "<" }
                let ascii = url.allSatisfy { $0.isASCII }
                #expect(ascii, "\(file): \(url)")
            }
            for link in text.components(separatedBy: "<link>").dropFirst() {
                let url = link.prefix { $0 != "<" }
                let ascii = url.allSatisfy { $0.isASCII }
                #expect(ascii && URL(string: String(url)) != nil, "\(file): \(url)")
            }
        }
    }

    @Test func asciiSlugsKeepTheOldAddresses() throws {
        let site = try TestSite(
            Self.spec.replacingOccurrences(of: "timezone: Asia/Tokyo\n", with: "timezone: Asia/Tokyo\nascii_slugs: true\n"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let days = site.files().filter { $0.hasPrefix("2022/03/12/") && $0.hasSuffix("/index.html") }
        let ascii = days.allSatisfy { path in path.allSatisfy { $0.isASCII } }
        #expect(ascii, "\(days)")
        #expect(days.contains { $0.hasPrefix("2022/03/12/a-") })
        #expect(site.exists("public/2022/03/12/japan-may-label-russia-as-challenge/index.html"))
        #expect(!site.exists("public/category/日本"))
    }
}
