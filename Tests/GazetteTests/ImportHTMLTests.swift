import Foundation
import Testing

@testable import Gazette

enum PageSamples {
    static let newsPage = """
        <!DOCTYPE html>
        <html lang="en"><head>
        <meta charset="utf-8">
        <title>Japan weighs new strategy | Example Times</title>
        <meta property="og:title" content="Japan weighs new strategy">
        <meta property="og:site_name" content="Example Times">
        <meta property="og:url" content="https://times.example.com/world/japan-strategy?utm=x">
        <meta property="article:published_time" content="2022-03-12T05:02:00+09:00">
        <meta property="article:section" content="Asia">
        <meta property="article:tag" content="Japan"><meta property="article:tag" content="Security">
        <meta name="author" content="Kenji Sato">
        <meta name="description" content="Tokyo reviews its security strategy.">
        <link rel="canonical" href="https://times.example.com/world/japan-strategy">
        <script>var tracking = 1;</script>
        <style>body { color: red }</style>
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Japan weighs new security strategy",
         "datePublished": "2022-03-12T05:02:00+09:00", "author": [{"@type": "Person", "name": "Kenji Sato"}],
         "publisher": {"@type": "Organization", "name": "The Example Times"}}
        </script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <header class="site-header"><p>Example Times — all the news</p></header>
        <article>
          <h1>Japan weighs new security strategy</h1>
          <p class="byline">By Kenji Sato</p>
          <div class="share-bar"><a href="https://twitter.com/share">Tweet</a></div>
          <p>Japan may <em>designate</em> Russia as a <strong>security challenge</strong>, <a href="/sources">sources</a> said.
          <p>The review covers:
          <ul><li>defence spending</li><li>the <b>Senkaku</b> islands</li></ul>
          <h2>Background</h2>
          <blockquote><p>We cannot say Russia is a partner.</p></blockquote>
          <figure><img src="/img/kishida.jpg" alt="Fumio Kishida speaks" onerror="alert(1)"><figcaption>Kishida in Tokyo.</figcaption></figure>
          <p>Tag <b>soup <i>nested</b> badly</i> here.
          <form action="/subscribe"><input type="email"><button>Subscribe</button></form>
          <iframe src="https://ads.example.net/"></iframe>
          <!-- a comment that must not show -->
          <aside class="related">Related: other stories</aside>
        </article>
        <section class="comments"><p>First!</p></section>
        <footer><p>© Example Times</p></footer>
        </body></html>
        """
}

@Suite("Reading HTML pages")
struct ImportHTMLTests {
    let utc = TimeZone(identifier: "UTC")!

    func read(_ html: String) throws -> ImportedArticle {
        let output = try ArticleReader(timeZone: utc, dropPatterns: []).read(bytes: Array(html.utf8))
        return try #require(output.articles.first)
    }

    @Test func metadata() throws {
        let a = try read(PageSamples.newsPage)
        #expect(a.title == "Japan weighs new security strategy")
        #expect(a.date.iso8601 == "2022-03-11T20:02:00Z")
        #expect(a.author == "Kenji Sato")
        #expect(a.source == "The Example Times")
        #expect(a.originalURL == "https://times.example.com/world/japan-strategy")
        #expect(a.category == "Asia")
        #expect(a.tags == ["Japan", "Security"])
        #expect(a.summary == "Tokyo reviews its security strategy.")
    }

    @Test func body() throws {
        let body = try read(PageSamples.newsPage).body
        #expect(!body.contains("# Japan weighs"), "the headline is the title, not part of the body")
        #expect(
            body.contains("Japan may *designate* Russia as a **security challenge**, [sources](https://times.example.com/sources) said."))
        #expect(body.contains("- defence spending\n- the **Senkaku** islands"))
        #expect(body.contains("## Background"))
        #expect(body.contains("> We cannot say Russia is a partner."))
        #expect(body.contains("![Fumio Kishida speaks](https://times.example.com/img/kishida.jpg)"))
        // The caption stays with its image, in italics.
        #expect(body.contains("![Fumio Kishida speaks](https://times.example.com/img/kishida.jpg)\n\n_Kishida in Tokyo._"), "\(body)")
        for dropped in [
            "Home", "all the news", "Tweet", "Subscribe", "ads.example", "comment", "Related", "First!", "©",
            "tracking", "color", "alert", "onerror",
        ] {
            #expect(!body.contains(dropped), "\(dropped) survived")
        }
    }

    @Test func minimalPage() throws {
        let a = try read(
            """
            <html><head><title>Plain page</title></head><body>
            <p>Published <time datetime="2022-03-12T05:02:00Z">today</time>.</p><p>Second paragraph.</p></body></html>
            """)
        #expect(a.title == "Plain page")
        #expect(a.date.iso8601 == "2022-03-12T05:02:00Z")
        #expect(a.originalURL == nil)
        #expect(a.body == "Published today.\n\nSecond paragraph.")
    }

    @Test func latin1Page() throws {
        var bytes = Array("<html><head><meta charset=\"iso-8859-1\"><title>Caf".utf8) + [0xE9]
        bytes += Array("</title><meta property=\"article:published_time\" content=\"2022-03-12\"></head><body><p>Cr".utf8) + [0xE8]
        bytes += Array("me br".utf8) + [0xFB] + Array("l".utf8) + [0xE9] + Array("e.</p></body></html>".utf8)
        let a = try #require(try ArticleReader(timeZone: utc, dropPatterns: []).read(bytes: bytes).articles.first)
        #expect(a.title == "Café")
        #expect(a.body == "Crème brûlée.")
    }

    @Test func pageWithoutAnArticle() {
        let page = """
            <html><head><title>Index</title><meta property="article:published_time" content="2022-03-12"></head>
            <body><nav><a href="/a">A</a><a href="/b">B</a></nav><script>x()</script></body></html>
            """
        #expect(throws: ImportError.self) { try read(page) }
    }

    @Test func pageWithoutADate() {
        #expect(throws: ImportError.self) { try read("<html><head><title>T</title></head><body><p>Text.</p></body></html>") }
    }

    @Test func markdownLookAlikesInHTMLText() throws {
        let body = HTMLToMarkdown().convert(
            FeedReader.fragment("<p>1. not a list * and _ and `code` and &lt;b&gt; &amp; \"q\"</p><p># no heading</p>"))
        // A hostile list start neither crashes nor turns into an out-of-range marker.
        let list = HTMLToMarkdown().convert(
            FeedReader.fragment("<ol start=\"9223372036854775807\"><li>a</li><li>b</li></ol><ol start=\"7\"><li>c</li></ol>"))
        #expect(list.contains("1. a") && list.contains("2. b") && list.contains("7. c"))
        #expect(body == #"1\. not a list \* and \_ and \`code\` and \<b\> \& \"q\""# + "\n\n" + ##"\# no heading"##)
    }

    @Test func codeAndBreaks() throws {
        let body = HTMLToMarkdown().convert(
            FeedReader.fragment("<p>Use <code>a `b` c</code> here<br>next line</p><pre>let x = 1\n```\n</pre>"))
        #expect(body == "Use ``a `b` c`` here\\\nnext line\n\n````\nlet x = 1\n```\n````")
    }

    @Test func emptyEmphasisAndLinksVanish() throws {
        let body = HTMLToMarkdown().convert(
            FeedReader.fragment("<p>a<em> </em>b <a href=\"https://x.example/\"></a><strong> c </strong>d</p>"))
        #expect(body == "a b **c** d")
    }

    /// A tracking pixel leaves no blank gap; a lazy-loaded picture is found behind its
    /// placeholder; a caption stays a caption.
    @Test func pixelsPlaceholdersAndCaptions() throws {
        let body = HTMLToMarkdown().convert(
            FeedReader.fragment(
                "<p>Text.<img src=\"https://pixel.example/b.gif?x=1\" width=\"1\" height=\"1\" alt=\"\"></p>"
                    + "<p><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"https://cdn.example/a.jpg\" alt=\"\"></p>"
                    + "<figure><img src=\"https://cdn.example/b.jpg\" alt=\"Flooded street\" width=\"800\" height=\"600\">"
                    + "<figcaption>Jakarta on Friday. <span>Photo: A. Putri</span></figcaption></figure>"))
        #expect(
            body
                == "Text.\n\n![](https://cdn.example/a.jpg)\n\n![Flooded street](https://cdn.example/b.jpg)\n\n_Jakarta on Friday. Photo: A. Putri_"
        )
    }
}
