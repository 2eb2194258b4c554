import Testing

@testable import Gazette

@Suite struct NearMissTests {
    func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        NearMiss.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    @Test func countsEachKindOfEditOnce() {
        #expect(distance("summary", "summary") == 0)
        #expect(distance("sumary", "summary") == 1)  // a deletion
        #expect(distance("titel", "title") == 1)  // two neighbours swapped
        #expect(distance("catgory", "category") == 1)
        #expect(distance("dute", "date") == 1)  // a substitution
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "tags") == 4)
        #expect(distance("Économie", "Economie") == 1)
    }

    @Test func stopsPastTheLimit() {
        #expect(distance("region", "original_url", limit: 2) == 3)
        #expect(distance("abcdef", "ghijkl", limit: 1) == 2)
    }

    @Test func findsOnlyNearMisses() {
        let keys = FrontMatter.knownKeys
        #expect(NearMiss.closest(to: "sumary", among: keys) == "summary")
        #expect(NearMiss.closest(to: "tittle", among: keys) == "title")
        #expect(NearMiss.closest(to: "catgory", among: keys) == "category")
        #expect(NearMiss.closest(to: "Title", among: keys) == "title")
        #expect(NearMiss.closest(to: "tag", among: keys) == "tags")
        #expect(NearMiss.closest(to: "orignal_url", among: keys) == "original_url")
        // The site's own keys, and known keys themselves, are no misses.
        for key in ["region", "kicker", "lang", "type", "note", "featured", "subtitle", "title"] {
            #expect(NearMiss.closest(to: key, among: keys) == nil, "\(key)")
        }
    }
}
