import Foundation
import Testing

@testable import Gazette

/// The build cache writes an article and reads it back through one table of fields: every
/// property of `Article` must be in it, and come back as it went in.
@Suite struct ArticleCodingTests {
    /// An article with every field set to something other than its default.
    static let full = Article(
        path: "content/2022/03/12/x.md", title: "Tōkyō & <Co>", date: Timestamp(seconds: 1_647_032_520, nanoseconds: 5, offset: 32_400),
        updated: Timestamp(seconds: 1_647_100_000, offset: -18_000), category: "Économie", categorySlug: "economie",
        tags: ["a, b", "東京", ""], source: "Mainichi", publisher: "Intellasia", author: "A. Writer",
        originalURL: "https://example.org/a?b=1&c=2", image: "images/a.jpg", imageAlt: "A <view>", canonical: "original",
        summary: "Short.", slug: "my-slug", story: "2022/03/11/first-version", draft: true, featured: true,
        metadata: .map([("region", .string("Kanto")), ("list", .list([.string("x"), .null])), ("nested", .map([("k", .string("v"))]))]),
        bodyLine: 14, summaryHTML: "<p>Short.</p>", summaryText: "Short.", sourceHash: 0xDEAD_BEEF_0123_4567, listingHash: 0)

    @Test func everyPropertyIsInTheTable() {
        let coded = Set(ArticleCoding.fields.map(\.name) + ArticleCoding.hashes + [ArticleCoding.key])
        let properties = Mirror(reflecting: Self.full).children.compactMap(\.label)
        #expect(
            Set(properties) == coded, "not coded: \(Set(properties).subtracting(coded)); not properties: \(coded.subtracting(properties))")
        #expect(ArticleCoding.fields.count + ArticleCoding.hashes.count + 1 == properties.count, "a property coded twice")
    }

    @Test func everyFieldRoundTrips() throws {
        var w = ByteWriter()
        let listingHash = ArticleCoding.write(Self.full, to: &w)
        var expected = Self.full
        expected.listingHash = listingHash
        var r = ByteReader(w.bytes)
        #expect(try ArticleCoding.read(&r, path: Self.full.path) == expected)
        #expect(r.atEnd)
        var h = ByteReader(w.bytes)
        #expect(try ArticleCoding.readHead(&h, path: Self.full.path) == expected.head)
        #expect(h.atEnd)
        // Each field set back to a plain article's value changes the listing hash: each is
        // written, and read into its own property.
        let plain = Article(path: "p", title: "", date: Timestamp(seconds: 0, offset: 0), category: "", categorySlug: "", slug: "")
        for field in ArticleCoding.fields {
            var bytes = ByteWriter()
            field.write(&bytes, plain)
            var reader = ByteReader(bytes.bytes)
            var other = Self.full
            try field.read(&reader, &other)
            #expect(ArticleCoding.listingHash(of: other) != listingHash, "\(field.name) is not written")
        }
    }

    /// What a list shows changes the listing hash; the source hash (the body's) does not.
    @Test func theListingHashFollowsWhatListsShow() {
        var edited = Self.full
        edited.sourceHash = 1
        #expect(ArticleCoding.listingHash(of: edited) == ArticleCoding.listingHash(of: Self.full))
        edited.title += "!"
        #expect(ArticleCoding.listingHash(of: edited) != ArticleCoding.listingHash(of: Self.full))
    }
}
