import Testing

@testable import Gazette

/// Lists name the original of each article by its site, as Hacker News does.
@Suite struct OutboundLinkTests {
    @Test(arguments: [
        ("https://www.Reuters.com/world/asia/a-1", "reuters.com"),
        ("https://focustaiwan.tw/a/1?x=1#top", "focustaiwan.tw"),
        ("http://user:pw@news.example.org:8080/a", "news.example.org"),
        ("https://[2001:db8::1]:443/a", "[2001:db8::1]"),
        ("https://example.org?q=1", "example.org"),
        ("https://www.example.org", "example.org"),
        ("not a url", "not a url"),
        ("https:///path", "https:///path"),
    ])
    func theSiteOfAnOriginal(url: String, site: String) {
        #expect(SiteIndex.Record.site(of: url) == site)
    }
}
