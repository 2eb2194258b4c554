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
}
