import Testing
@testable import Gazette

/// Front matter read back from the build cache stays encoded until a template asks for it; what
/// it answers must be what the decoded value answers.
@Suite struct LazyMetadataTests {
    static let value = MetadataValue.map([
        (key: "title", value: .string("Typhoon “Nanmadol” nears")),
        (key: "tags", value: .list([.string("Weather"), .string("Japan")])),
        (key: "params", value: .map([(key: "region", value: .string("Kyushu")), (key: "empty", value: .null)])),
        (key: "note", value: .null),
        (key: "title", value: .string("The later title wins")),
        (key: "ünïcode", value: .string("ok")),
    ])

    static func encoded(_ value: MetadataValue) -> LazyMetadata {
        var w = ByteWriter()
        w.string("before")
        let start = w.bytes.count
        BuildCache.writeValue(value, &w)
        let end = w.bytes.count
        w.string("after")
        return LazyMetadata(encoded: w.bytes, range: start..<end)
    }

    @Test func answersAsTheDecodedValue() {
        let lazy = Self.encoded(Self.value)
        #expect(lazy.value == Self.value)
        #expect(lazy == LazyMetadata(Self.value))
        for key in ["title", "tags", "params", "note", "ünïcode", "missing", "", "titl", "titles"] {
            #expect(lazy[key] == Self.value[key], "\(key)")
            #expect(LazyMetadata(Self.value)[key] == Self.value[key], "\(key)")
        }
        #expect(lazy["title"] == .string("The later title wins"))
    }

    @Test func aValueThatIsNotAMapHasNoKeys() {
        for value in [MetadataValue.string("x"), .list([.string("a")]), .null, .map([])] {
            let lazy = Self.encoded(value)
            #expect(lazy.value == value)
            #expect(lazy["x"] == nil && lazy["a"] == nil)
        }
    }

    @Test func anArticleReadFromTheCacheWritesTheSameBytes() throws {
        let article = makeArticle("Storm", "2022-09-18T10:00:00Z")
        var w = ByteWriter()
        BuildCache.writeArticle(article, &w)
        var r = ByteReader(w.bytes)
        let read = try BuildCache.readArticle(&r, path: article.path)
        #expect(read.frontMatter.encoded != nil)
        #expect(read.metadata == article.metadata)
        var again = ByteWriter()
        BuildCache.writeArticle(read, &again)
        #expect(again.bytes == w.bytes)
    }

    /// Every combination of the optional fields, tags and non-ASCII text: read back from the
    /// cache, each field answers as written, and changing one keeps the others.
    @Test func anArticlesTextReadFromTheCacheAnswersAsWritten() throws {
        for mask in 0..<32 {
            var article = makeArticle("Typhoon “Nanmadol” nears \(mask)", "2022-09-18T10:00:00Z", category: "Météo")
            func field(_ bit: Int, _ text: String) -> String? { mask & (1 << bit) != 0 ? text : nil }
            article.source = field(0, "NHK")
            article.publisher = field(1, "Kyodo News, a publisher with a long name")
            article.author = field(2, "")
            article.originalURL = field(3, "https://example.org/2022/09/18/typhoon?x=1&y=2")
            article.summary = field(4, "A summary — with “quotes”")
            article.tags = Array(["Weather", "日本", "", "Kyushu"].prefix(mask % 5))
            article.summaryHTML = "<p>Summary \(mask)</p>"
            article.summaryText = mask % 3 == 0 ? "" : "Summary \(mask)"
            var w = ByteWriter()
            w.string("before")
            let start = w.bytes.count
            BuildCache.writeArticle(article, &w)
            w.string("after")
            var r = ByteReader(w.bytes, from: start)
            let read = try BuildCache.readArticle(&r, path: article.path)
            #expect(read.encodedText != nil)
            #expect(try r.string() == "after")
            #expect(read.title == article.title)
            #expect(read.tags == article.tags)
            #expect(read.source == article.source)
            #expect(read.publisher == article.publisher)
            #expect(read.author == article.author)
            #expect(read.originalURL == article.originalURL)
            #expect(read.summary == article.summary)
            #expect(read.summaryHTML == article.summaryHTML)
            #expect(read.summaryText == article.summaryText)
            // Equal to the article it was written from, as the cache keeps it (no body, no HTML).
            var kept = article
            kept.body = ""
            kept.html = ""
            kept.htmlIsPending = true
            #expect(read == kept && read.hashValue == kept.hashValue)
            #expect(read != article)

            var changed = read
            changed.author = "Changed"
            #expect(changed.encodedText == nil)
            #expect(changed.author == "Changed")
            #expect(changed.title == article.title && changed.tags == article.tags && changed.source == article.source)
            #expect(changed.summary == article.summary && changed.summaryText == article.summaryText)
            #expect(read.author == article.author, "the copy read from the cache is left as it was")
        }
    }
}

