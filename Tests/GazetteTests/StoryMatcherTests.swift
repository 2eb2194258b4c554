import Foundation
import Testing

@testable import Gazette

/// A labelled set: articles from several outlets, each with the story it belongs to.
struct LabelledStories: Decodable {
    struct Item: Decodable {
        var id: String
        var outlet: String
        var title: String
        var date: String
        var body: String
        var story: String
    }

    var articles: [Item]

    static func load(_ name: String) throws -> LabelledStories {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try JSONDecoder().decode(LabelledStories.self, from: Data(contentsOf: url))
    }

    /// Pairwise precision and recall of `predicted` (article id → story) against the labels.
    func pairwise(_ predicted: [String: String]) -> (
        precision: Double, recall: Double, falsePairs: [(String, String)], missed: [(String, String)]
    ) {
        var truePositive = 0, predictedPairs = 0, actualPairs = 0
        var falsePairs: [(String, String)] = []
        var missed: [(String, String)] = []
        for i in articles.indices {
            for j in articles.indices where j > i {
                let a = articles[i], b = articles[j]
                let same = a.story == b.story
                let guessed = predicted[a.id] == predicted[b.id]
                if same { actualPairs += 1 }
                if guessed { predictedPairs += 1 }
                if same && guessed { truePositive += 1 }
                if guessed && !same { falsePairs.append((a.id, b.id)) }
                if same && !guessed { missed.append((a.id, b.id)) }
            }
        }
        return (
            predictedPairs == 0 ? 1 : Double(truePositive) / Double(predictedPairs),
            actualPairs == 0 ? 1 : Double(truePositive) / Double(actualPairs), falsePairs, missed
        )
    }

    /// Runs the matcher as `gazette import` does: articles in the order of their dates, each
    /// compared with those before it.
    func clustered() throws -> [String: String] {
        let zone = TimeZone(identifier: "UTC")!
        let ordered = try articles.map { item in (item, try ISO8601Reader.read(item.date, in: zone)) }
            .sorted { ($0.1.seconds, $0.0.id) < ($1.1.seconds, $1.0.id) }
        var index = StoryIndex()
        var result: [String: String] = [:]
        for (item, date) in ordered {
            let features = StoryFeatures(title: item.title, text: item.body, time: date.seconds, source: item.outlet)
            let story = index.story(for: features) ?? item.id
            result[item.id] = story
            index.add(features, story: story)
        }
        return result
    }
}

@Suite struct StoryMatcherTests {
    @Test(arguments: ["stories-a.json", "stories-b.json", "stories-c.json"])
    func labelledSetsReachThePrecisionAndRecallAsked(_ name: String) throws {
        let set = try LabelledStories.load(name)
        let result = set.pairwise(try set.clustered())
        print("\(name): \(set.articles.count) articles, pairwise precision \(result.precision), recall \(result.recall)")
        for (a, b) in result.falsePairs.prefix(20) { print("  false merge: \(a) \(b)") }
        for (a, b) in result.missed.prefix(30) { print("  missed: \(a) \(b)") }
        #expect(result.precision >= 0.95, "\(name): precision \(result.precision)")
        #expect(result.recall >= 0.80, "\(name): recall \(result.recall)")
    }

    @Test func roundedFiguresMatchAndNearbyOnesDoNot() {
        #expect(Figure.matches("38412", "38000") && Figure.matches("2.4", "2.38") && Figure.matches("78.35", "78"))
        #expect(Figure.matches("212000", "212400"))
        #expect(!Figure.matches("16.42", "16.05") && !Figure.matches("100", "149") && !Figure.matches("6.1", "6.4"))
        #expect(!Figure.matches("78", "79") && !Figure.matches("4.25", "4.5"))
        #expect(Figure.shared(["38412", "1.5"], ["38000"]) == 1)
    }

    @Test func figuresAreReadAsTheyAreMeant() {
        let tokens = StoryFeatures.tokens("A 6.1-magnitude quake, 1,200.50 yen, M6.10 and 4.25% in 2024 on the 12th; 3.")
        let figures = tokens.compactMap { if case .figure(let f) = $0 { f } else { nil } }
        #expect(figures == ["6.1", "1200.5", "6.1", "4.25"])
    }

    /// Words are lowercased as they are read: the features are those of reading each word
    /// as written and lowercasing it with `String.lowercased()`, for text in any script.
    @Test func lowercasingAsReadGivesTheSameFeatures() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        let pieces = [
            "Tokyo", "STOCKS", "rally", "Yen's", "fall", "İstanbul", "ΣΟΦΟΣ", "Đà", "Nẵng", "東京", "株価", "Ünal", "ﬁnance", "1,200.5",
            "6.1", "2024", "12", "said", "The", "-", "'", ".", "!", "\n", "\"", "“", "é", "Straße", "ǅemal", "ΌΣΟΣ",
        ]
        for _ in 0..<300 {
            let title = (0..<(3 + next() % 6)).map { _ in pieces[next() % pieces.count] }.joined(separator: " ")
            let text = (0..<(next() % 60)).map { _ in pieces[next() % pieces.count] }.joined(separator: next() % 3 == 0 ? "" : " ")
            let fast = StoryFeatures(title: title, text: text, time: 0, source: nil)
            // The reading before: words as written, each lowercased when used.
            var words: [String: Int] = [:]
            var names = Set<String>()
            for token in StoryFeatures.tokens(title + ".\n" + text, keepingCase: true) {
                guard case .word(let w, let capitalised, let sentenceStart, _) = token else { continue }
                let lower = w.lowercased()
                guard !StoryFeatures.stopWords.contains(lower), lower.count > 2 else { continue }
                words[StoryFeatures.stem(lower), default: 0] += 1
                if capitalised && !sentenceStart { names.insert(StoryFeatures.stem(lower)) }
            }
            #expect(fast.words == words, "\(title) | \(text)")
            #expect(fast.names == names, "\(title) | \(text)")
        }
    }
}
