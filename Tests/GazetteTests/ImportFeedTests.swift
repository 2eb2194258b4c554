import Foundation
import Testing

@testable import Gazette

/// Feed samples shared by the unit tests and the round trip through a build.
enum FeedSamples {
    static let hostileHTML = """
        <p>Before <script>alert('x')</script>after.</p>
        <p><img src="/img/a.png" alt="A &amp; B" onerror="alert(1)"> <a href="javascript:alert(1)">click</a>
        <a href=" JaVa&#x09;Script:alert(2)">tab</a> <a href="data:text/html;base64,PHNjcmlwdD4=">data</a></p>
        <iframe src="https://evil.example/"></iframe><object data="x.swf"></object><style>p{}</style>
        <p onclick="steal()" style="color:red">Styled <b onmouseover="x()">bold</b> text.</p>
        <img src="data:image/png;base64,AAAA" alt="inline">
        <form action="/post"><input name="q"></form>
        """

    static let rss2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
          <atom:link href="https://news.example.org/feed.xml" rel="self" type="application/rss+xml"/>
          <title>Example &amp; Co News</title>
          <link>https://news.example.org/asia/</link>
          <description>News</description>
          <item>
            <title>Tokyo &amp; Seoul agree on &lt;trade&gt; &#8220;pact&#8221;</title>
            <link>2022/03/pact.html</link>
            <guid isPermaLink="false">pact-1</guid>
            <pubDate>Sat, 12 Mar 2022 05:02:00 +0800</pubDate>
            <category>Japan</category>
            <category>Korea</category>
            <category>Trade</category>
            <dc:creator>Jo Bloggs</dc:creator>
            <description>A short summary with &lt;b&gt;markup&lt;/b&gt;.</description>
            <content:encoded><![CDATA[
              <h2>Details</h2>
              <p>The <em>pact</em> was signed in <a href="/cities/tokyo">Tokyo</a> &amp; <a href="seoul.html">Seoul</a>.</p>
              <ul><li>Tariffs <strong>cut</strong></li><li>Quotas raised</li></ul>
              <blockquote><p>A historic day.</p></blockquote>
              \(hostileHTML)
            ]]></content:encoded>
          </item>
          <item>
            <title>No content, only a description</title>
            <link>https://news.example.org/asia/2022/03/other.html</link>
            <pubDate>Sun, 13 Mar 2022 10:00:00 GMT</pubDate>
            <description>Plain &amp;amp; simple &lt;i&gt;text&lt;/i&gt; with a &lt;a href="/x"&gt;link&lt;/a&gt;.</description>
          </item>
          <item>
            <title>Undated</title>
            <link>https://news.example.org/asia/undated.html</link>
          </item>
        </channel>
        </rss>
        """

    static let rss1 = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel rdf:about="https://rdf.example.org/">
            <title>RDF Wire</title>
            <link>https://rdf.example.org/news/</link>
            <description>Wire</description>
            <items><rdf:Seq><rdf:li rdf:resource="https://rdf.example.org/news/1"/></rdf:Seq></items>
          </channel>
          <item rdf:about="https://rdf.example.org/news/1">
            <title>Manila braces for storm</title>
            <link>1.html</link>
            <description><![CDATA[<p>Schools <b>closed</b>; see <a href="/storm">the map</a>.</p><script>evil()</script>]]></description>
            <dc:date>2022-03-12T09:30:00+08:00</dc:date>
            <dc:subject>Philippines</dc:subject>
            <dc:creator>Ana Cruz</dc:creator>
          </item>
        </rdf:RDF>
        """

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/blog/">
          <title type="html">Atom &amp;lt;Desk&amp;gt;</title>
          <link rel="alternate" href="https://atom.example.org/blog/"/>
          <id>urn:uuid:feed</id>
          <updated>2022-03-12T00:00:00Z</updated>
          <author><name>Desk Editor</name></author>
          <entry>
            <title type="html">Hanoi &lt;em&gt;opens&lt;/em&gt; metro</title>
            <link rel="alternate" href="posts/metro"/>
            <id>urn:uuid:1</id>
            <published>2022-03-11T22:15:00Z</published>
            <updated>2022-03-12T01:00:00Z</updated>
            <category term="vietnam" label="Vietnam"/>
            <category term="transport"/>
            <summary>The line opens.</summary>
            <content type="html">&lt;p&gt;The &lt;a href="../lines/2"&gt;second line&lt;/a&gt; opened &amp;amp; riders came.&lt;/p&gt;&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;&lt;p&gt;&lt;a href="javascript:void(0)" onclick="x()"&gt;bad&lt;/a&gt;&lt;img src="x.png" onerror="alert(1)"&gt;&lt;/p&gt;</content>
          </entry>
          <entry xml:base="https://other.example.net/news/">
            <title>XHTML entry</title>
            <link href="item"/>
            <id>urn:uuid:2</id>
            <updated>2022-03-12T08:00:00+07:00</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>An <strong>xhtml</strong> body with <a href="more">a link</a>.</p><script>evil()</script></div></content>
          </entry>
        </feed>
        """

    static let hostileMarkers = [
        "<script", "alert(", "onerror", "onclick", "onmouseover", "javascript:", "JaVa", "data:",
        "<iframe", "<object", "<style", "<form", "<input", "evil", "steal",
    ]
}

@Suite("Reading feeds")
struct ImportFeedTests {
    let utc = TimeZone(identifier: "UTC")!

    func read(_ xml: String) throws -> ArticleReader.Output {
        try ArticleReader(timeZone: utc, dropPatterns: []).read(bytes: Array(xml.utf8))
    }

    @Test func formats() throws {
        #expect(try ImportFormat.detect(Array(FeedSamples.rss2.utf8)) == .rss2)
        #expect(try ImportFormat.detect(Array(FeedSamples.rss1.utf8)) == .rss1)
        #expect(try ImportFormat.detect(Array(FeedSamples.atom.utf8)) == .atom)
        #expect(try ImportFormat.detect(Array("<!DOCTYPE html><html><body><p>x</p></body></html>".utf8)) == .htmlPage)
        #expect(try ImportFormat.detect(Array(("\u{FEFF}" + ImportCaptureTests.seed).utf8)) == .capture)
        #expect(try ImportFormat.detect(Array("<Breaking> news\n\n12-Mar-2022 Intellasia | 5:02 AM\n\nBody.\n".utf8)) == .capture)
    }

    @Test func emptyAndBinaryFiles() {
        #expect(throws: ImportError("the file is empty")) { try ImportFormat.detect([]) }
        #expect(throws: ImportError("the file is empty")) { try ImportFormat.detect(Array(" \n\r\n".utf8)) }
        #expect(throws: ImportError.self) { try ImportFormat.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) }
    }

    @Test func rss2() throws {
        let output = try read(FeedSamples.rss2)
        #expect(output.articles.count == 3)
        #expect(output.problems.isEmpty)
        // The channel has no date either: the item is dated with the time of import.
        #expect(output.warnings.count == 1)
        #expect(
            output.warnings.first?.hasPrefix("item 3 ('Undated'): no date (pubDate or dc:date); dated with the time of import, ") == true)
        #expect(output.articles[2].undated && !output.articles[0].undated)
        let a = output.articles[0]
        #expect(a.title == "Tokyo & Seoul agree on <trade> “pact”")
        #expect(a.originalURL == "https://news.example.org/asia/2022/03/pact.html")
        #expect(a.date.iso8601 == "2022-03-11T21:02:00Z")
        #expect(a.category == "Japan")
        #expect(a.tags == ["Korea", "Trade"])
        #expect(a.author == "Jo Bloggs")
        #expect(a.source == "Example & Co News")
        #expect(a.summary == "A short summary with markup.")
        #expect(a.body.contains("## Details"))
        #expect(
            a.body.contains(
                "The *pact* was signed in [Tokyo](https://news.example.org/cities/tokyo) \\& [Seoul](https://news.example.org/asia/seoul.html)."
            ))
        #expect(a.body.contains("- Tariffs **cut**\n- Quotas raised"))
        #expect(a.body.contains("> A historic day."))
        #expect(a.body.contains("![A \\& B](https://news.example.org/img/a.png)"))
        #expect(a.body.contains("Styled **bold** text."))
        for marker in FeedSamples.hostileMarkers {
            #expect(!a.body.contains(marker), "\(marker) survived")
        }
        let b = output.articles[1]
        #expect(b.category == nil)
        #expect(b.summary == nil)
        #expect(b.body == "Plain \\& simple *text* with a [link](https://news.example.org/x).")
    }

    @Test func rss1() throws {
        let output = try read(FeedSamples.rss1)
        #expect(output.problems.isEmpty)
        let a = try #require(output.articles.first)
        #expect(a.title == "Manila braces for storm")
        #expect(a.originalURL == "https://rdf.example.org/news/1.html")
        #expect(a.date.iso8601 == "2022-03-12T01:30:00Z")
        #expect(a.category == "Philippines")
        #expect(a.author == "Ana Cruz")
        #expect(a.source == "RDF Wire")
        #expect(a.body == "Schools **closed**; see [the map](https://rdf.example.org/storm).")
    }

    @Test func atom() throws {
        let output = try read(FeedSamples.atom)
        #expect(output.problems.isEmpty)
        #expect(output.articles.count == 2)
        let a = output.articles[0]
        #expect(a.title == "Hanoi opens metro")
        #expect(a.originalURL == "https://atom.example.org/blog/posts/metro")
        #expect(a.date.iso8601 == "2022-03-11T22:15:00Z")
        #expect(a.category == "Vietnam")
        #expect(a.tags == ["transport"])
        #expect(a.author == "Desk Editor")
        #expect(a.source == "Atom <Desk>")
        #expect(a.summary == "The line opens.")
        #expect(a.body.hasPrefix("The [second line](https://atom.example.org/lines/2) opened \\& riders came."))
        for marker in FeedSamples.hostileMarkers {
            #expect(!a.body.contains(marker), "\(marker) survived")
        }
        let b = output.articles[1]
        #expect(b.originalURL == "https://other.example.net/news/item")
        #expect(b.date.iso8601 == "2022-03-12T01:00:00Z")
        #expect(b.body == "An **xhtml** body with [a link](https://other.example.net/news/more).")
    }

    @Test func notWellFormed() {
        let broken = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>a &nbsp; b</title></item></channel>"
        #expect(throws: ImportError.self) { try read(broken) }
        do {
            _ = try read(broken)
        } catch let error as ImportError {
            #expect(error.message.hasPrefix("not well-formed XML"), "\(error.message)")
        } catch {
            Issue.record(error)
        }
    }

    @Test func externalEntitiesAreNotLoaded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-xxe-\(UUID().uuidString).txt")
        try Data("TOPSECRET".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <rss version="2.0"><channel><title>t</title><link>https://x.example/</link>
            <item><title>Leak &xxe;</title><link>https://x.example/1</link><pubDate>Sat, 12 Mar 2022 05:02:00 GMT</pubDate>
            <description>&xxe;</description></item></channel></rss>
            """
        let output = try read(xxe)
        #expect(output.articles.count == 1)
        for article in output.articles {
            #expect(!article.title.contains("TOPSECRET"))
            #expect(!article.body.contains("TOPSECRET"))
        }
    }

    @Test(arguments: ["javascript:alert(1)", " JAVASCRIPT:x", "java\nscript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd"])
    func unsafeURLsAreRefused(_ url: String) {
        #expect(SafeURL(base: URL(string: "https://example.org/")).resolve(url) == nil)
        #expect(SafeURL().resolve(url) == nil)
    }

    @Test func safeURLs() {
        let urls = SafeURL(base: URL(string: "https://example.org/a/b.html"))
        #expect(urls.resolve("c.html") == "https://example.org/a/c.html")
        #expect(urls.resolve("/d") == "https://example.org/d")
        #expect(urls.resolve("//cdn.example.net/e.png") == "https://cdn.example.net/e.png")
        #expect(urls.resolve("mailto:desk@example.org") == "mailto:desk@example.org")
        #expect(urls.resolve("https://other.example/x y") == "https://other.example/x%20y")
        #expect(SafeURL().resolve("relative/path") == "relative/path")
    }

    @Test func rfc822Dates() {
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 +0800", in: utc)?.iso8601 == "2022-03-11T21:02:00Z")
        #expect(DateReader.read("12 Mar 22 05:02 EST", in: utc)?.iso8601 == "2022-03-12T10:02:00Z")
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 GMT", in: utc)?.iso8601 == "2022-03-12T05:02:00Z")
        #expect(DateReader.read("2022-03-12T05:02:00.000+08:00", in: utc)?.iso8601 == "2022-03-11T21:02:00Z")
        #expect(DateReader.read("yesterday", in: utc) == nil)
    }

    @Test func rfc822OffsetsAreReadOrRefusedNeverGuessed() {
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 +05:30", in: utc)?.iso8601 == "2022-03-11T23:32:00Z")
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 -0330", in: utc)?.iso8601 == "2022-03-12T08:32:00Z")
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 JST", in: utc)?.iso8601 == "2022-03-11T20:02:00Z")
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 +-800", in: utc) == nil)
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 IST", in: utc) == nil)
        #expect(DateReader.read("Sat, 12 Mar 2022 05:02:00 +08", in: utc) == nil)
    }
}
