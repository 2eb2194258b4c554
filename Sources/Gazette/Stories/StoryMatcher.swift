import Foundation

/// What the story matcher knows of one article: the few features that tell whether two texts
/// report one event. Made once per article; the text itself is not kept.
public struct StoryFeatures: Sendable {
    /// Content words of the headline and the text, with their counts (stop words left out).
    let words: [String: Int]
    /// `words` in a fixed order: sums over them are the same bits in every process (a
    /// dictionary's order changes with the process's hash seed, and with it the last bits of a
    /// floating-point sum, which could tip a score over the threshold).
    let sortedWords: [(key: String, value: Int)]
    /// Content words of the headline alone.
    var titleWords: Set<String>
    /// Figures (`4.25`, `6.1`, `3200`), as the text writes them once units and separators are
    /// stripped: the facts that keep apart two events told in the same words.
    var figures: Set<String>
    /// Figures of the headline alone: the one fact an outlet chose to lead with.
    var titleFigures: Set<String>
    /// Capitalised words inside sentences (names, places, organisations).
    var names: Set<String>
    /// Seconds since 1970.
    var time: Int64
    /// The outlet, lowercased (nil: unknown).
    var source: String?

    init(
        words: [String: Int], titleWords: Set<String>, titleFigures: Set<String>, figures: Set<String>, names: Set<String>,
        time: Int64, source: String?
    ) {
        self.words = words
        self.sortedWords = words.sorted { $0.key < $1.key }
        self.titleWords = titleWords
        self.titleFigures = titleFigures
        self.figures = figures
        self.names = names
        self.time = time
        self.source = source
    }

    /// The text read: its start, where every version of a story gives the facts; the rest
    /// adds cost, not signal (and a hostile article cannot make matching slow).
    static let textLimit = 2000

    public init(title: String, text: String, time: Int64, source: String?) {
        // The first `textLimit` scalars, found without counting the whole text.
        let scalars = text.unicodeScalars
        let start =
            scalars.index(scalars.startIndex, offsetBy: Self.textLimit, limitedBy: scalars.endIndex).map {
                $0 == scalars.endIndex ? text : String(scalars[..<$0])
            } ?? text
        let tokens = StoryFeatures.tokens(title + ".\n" + start)
        var words: [String: Int] = [:]
        var figures = Set<String>()
        var names = Set<String>()
        for token in tokens {
            switch token {
            case .word(let lower, let capitalised, let sentenceStart, let ascii):
                guard !StoryFeatures.stopWords.contains(lower), (ascii ? lower.utf8.count : lower.count) > 2 else { continue }
                let stem = StoryFeatures.stem(lower)
                words[stem, default: 0] += 1
                if capitalised && !sentenceStart { names.insert(stem) }
            case .figure(let f):
                // A text of thousands of figures (a table) would make every comparison slow.
                if figures.count < 64 { figures.insert(f) }
            }
        }
        self.words = words
        self.sortedWords = words.sorted { $0.key < $1.key }
        let titleTokens = StoryFeatures.tokens(title, keepingCase: true)
        self.titleWords = Set(
            titleTokens.compactMap {
                // The length as written (a lowercase form may count differently, İ → i̇).
                if case .word(let w, _, _, let ascii) = $0, (ascii ? w.utf8.count : w.count) > 2 {
                    let lower = w.lowercased()
                    if !StoryFeatures.stopWords.contains(lower) { return StoryFeatures.stem(lower) }
                }
                return nil
            })
        self.figures = figures
        self.titleFigures = Set(titleTokens.compactMap { if case .figure(let f) = $0 { f } else { nil } })
        self.names = names
        self.time = time
        self.source = source?.lowercased()
    }

    enum Token {
        /// A word, lowercased unless `tokens(_:keepingCase:)` keeps its case; `ascii`: every
        /// letter of it is ASCII (its length is its byte count, and it is lowercased by hand).
        case word(String, capitalised: Bool, sentenceStart: Bool, ascii: Bool)
        case figure(String)
    }

    /// Words and figures, in order. A figure is a run of digits with `.` or `,` inside
    /// (`1,200.5` → `1200.5`); years (1900–2100 without a fraction) and small whole numbers (up
    /// to 31: days, counts that every story has) are not distinctive and are left out.
    /// Words come lowercased (ASCII letters as they are read, other words by `lowercased()`,
    /// which an article's text needs once per word), unless `keepingCase`.
    static func tokens(_ text: String, keepingCase: Bool = false) -> [Token] {
        var out: [Token] = []
        var word = String.UnicodeScalarView()
        var ascii = true
        var capitalised = false
        var figure = ""
        var sentenceStart = true
        func flushWord() {
            guard !word.isEmpty else { return }
            let w = String(word)
            out.append(
                .word(ascii || keepingCase ? w : w.lowercased(), capitalised: capitalised, sentenceStart: sentenceStart, ascii: ascii))
            sentenceStart = false
            word = String.UnicodeScalarView()
            ascii = true
        }
        func flushFigure() {
            guard !figure.isEmpty else { return }
            var f = figure
            while let last = f.last, last == "." || last == "," { f.removeLast() }
            f = f.replacingOccurrences(of: ",", with: "")
            if f.contains(".") {
                // 4.50 and 4.5 are one figure.
                while f.hasSuffix("0") { f.removeLast() }
                if f.hasSuffix(".") { f.removeLast() }
            }
            if let n = Double(f), !f.isEmpty {
                let whole = !f.contains(".")
                let isYear = whole && n >= 1900 && n <= 2100
                if !(whole && n <= 31) && !isYear { out.append(.figure(f)) }
            }
            figure = ""
            sentenceStart = false
        }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let v = c.value
            // ASCII answered without Unicode's property tables: most news text is ASCII.
            let isLetter = v < 128 ? ((65...90).contains(v) || (97...122).contains(v)) : c.properties.isAlphabetic
            if (48...57).contains(v) {
                flushWord()
                figure.unicodeScalars.append(c)
            } else if c == "." || c == ",", !figure.isEmpty, i + 1 < scalars.count, (48...57).contains(scalars[i + 1].value) {
                figure.unicodeScalars.append(c)
            } else if isLetter || (c == "'" && !word.isEmpty) || (c == "-" && !word.isEmpty) {
                flushFigure()
                if c != "'" && c != "-" {
                    if word.isEmpty { capitalised = v < 128 ? (65...90).contains(v) : c.properties.isUppercase }
                    if v >= 128 {
                        ascii = false
                        word.append(c)
                    } else {
                        word.append(!keepingCase && (65...90).contains(v) ? Unicode.Scalar(v + 32)! : c)
                    }
                } else {
                    flushWord()
                }
            } else {
                flushWord()
                flushFigure()
                if c == "." || c == "!" || c == "?" || c == "\n" || c == ":" || c == "\"" || c == "“" { sentenceStart = true }
            }
            i += 1
        }
        flushWord()
        flushFigure()
        return out
    }

    /// A light English stemmer: plural and verb endings, so that "rates" meets "rate" and
    /// "raised" meets "raises". Enough for matching; not meant for display.
    static func stem(_ w: String) -> String {
        var s = w
        let length = s.utf8.count
        for suffix in ["ings", "ing", "edly", "ed", "ies", "es", "s"] where length > suffix.utf8.count + 3 && s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            if suffix == "ies" { s += "y" }
            break
        }
        return s
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "that", "with", "from", "this", "was", "were", "are", "has", "have", "had", "been", "its", "his",
        "her", "their", "they", "them", "will", "would", "could", "should", "said", "says", "say", "also", "but", "not",
        "which", "who", "whom", "what", "when", "where", "while", "after", "before", "over", "under", "into", "than",
        "then", "there", "about", "more", "most", "some", "such", "only", "other", "any", "all", "our", "out", "one",
        "two", "three", "new", "per", "cent", "percent", "year", "years", "week", "month", "day", "days", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "told",
        "according", "statement", "officials", "official", "reporters", "reported", "report", "news", "just", "can",
        "may", "might", "being", "because", "since", "until", "did", "does", "how", "why", "both", "each", "very",
        "many", "much", "last", "first", "next", "between", "against", "during", "those", "these", "him", "she", "you",
        "your", "we", "it's", "there's", "on", "in", "at", "by", "to", "of", "a", "an", "is", "be", "as", "or", "if",
        "it", "he", "up", "down", "off", "now", "still", "even", "well", "back", "around", "through", "people",
    ]
}

/// Judges whether two articles report one event, and groups a stream of articles into stories.
///
/// Method (docs/stories.md says why): a candidate pair must be from two outlets and within
/// `window` of each other. Its score blends the TF-IDF cosine of the two texts, the overlap of
/// their headlines, of their names, and of their figures; figures count most, because two
/// events told in the same words (a rate decision and an intervention by the same bank, two
/// earthquakes in one province) differ in their numbers, while two outlets' versions of one
/// event share them. Two texts that each give several figures and share none are kept apart
/// whatever their words.
public struct StoryMatcher: Sendable {
    /// Seconds either side of an article in which another can be the same story.
    public var window: Int64 = 48 * 3600
    /// The score at or above which two articles are one story.
    public var threshold = 0.34

    public init() {}

    /// Inverse document frequency of each word, from the articles the matcher is given.
    public struct Vocabulary: Sendable {
        var documentFrequency: [String: Int] = [:]
        var documents = 0

        public init() {}

        public mutating func add(_ f: StoryFeatures) {
            documents += 1
            for w in f.words.keys { documentFrequency[w, default: 0] += 1 }
        }

        func idf(_ w: String) -> Double {
            log(Double(documents + 1) / Double((documentFrequency[w] ?? 0) + 1)) + 1
        }
    }

    /// How alike `a` and `b` are, 0…1 (before the threshold); 0 when they cannot be one story.
    public func score(_ a: StoryFeatures, _ b: StoryFeatures, vocabulary: Vocabulary) -> Double {
        guard abs(a.time - b.time) <= window else { return 0 }
        if let sa = a.source, let sb = b.source, sa == sb { return 0 }
        // TF-IDF cosine, with sublinear counts.
        var dot = 0.0, na = 0.0, nb = 0.0
        for (w, c) in a.sortedWords {
            let x = (1 + log(Double(c))) * vocabulary.idf(w)
            na += x * x
            if let d = b.words[w] { dot += x * (1 + log(Double(d))) * vocabulary.idf(w) }
        }
        for (w, c) in b.sortedWords {
            let y = (1 + log(Double(c))) * vocabulary.idf(w)
            nb += y * y
        }
        let cosine = na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
        let title = overlap(a.titleWords, b.titleWords)
        let names = overlap(a.names, b.names)
        let sharedFigures = Figure.shared(a.figures, b.figures)
        let fewest = min(a.figures.count, b.figures.count)
        var figures = fewest == 0 ? 0.5 : Double(sharedFigures) / Double(fewest)
        if fewest > 0 && sharedFigures >= 2 { figures = max(figures, 0.8) }
        var score = 0.45 * cosine + 0.15 * title + 0.15 * names + 0.25 * figures
        // Several figures each, none or few shared: two events, however alike the words (a
        // follow-up recalls a figure or two of the event before it).
        if fewest >= 2 && sharedFigures == 0 { score -= 0.25 }
        if fewest == 1 && sharedFigures == 0 { score -= 0.08 }
        if fewest >= 3 && Double(sharedFigures) / Double(fewest) < 0.3 { score -= 0.15 }
        if conflict(a, b) { score -= 0.25 }
        // Versions of one event come within hours; a day later, a report is more often the
        // next event in the same affair.
        let hours = Double(abs(a.time - b.time)) / 3600
        if hours > 24 { score -= 0.004 * (hours - 24) }
        return max(0, min(1, score))
    }

    /// Headlines that each lead with a figure the other text never gives: "falls to 16.42" and
    /// "recovers to 16.05" are two days of one currency, not two outlets on one day (where
    /// "$1.1 billion" and "150MW" each appear in the other's text).
    func conflict(_ a: StoryFeatures, _ b: StoryFeatures) -> Bool {
        !a.titleFigures.isEmpty && !b.titleFigures.isEmpty && Figure.shared(a.titleFigures, b.figures) == 0
            && Figure.shared(b.titleFigures, a.figures) == 0
    }

    /// Overlap coefficient: shared over the smaller set (a brief's few names all in the report).
    private func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
        let fewest = min(a.count, b.count)
        guard fewest > 0 else { return 0 }
        return Double(a.intersection(b).count) / Double(fewest)
    }
}

/// Figures as outlets write the same fact: exactly, or rounded (`38,412` and "about 38,000",
/// `2.38 billion` and `$2.4bn`, `78.35` and "US$78"), but not two nearby values given to the
/// same precision (`16.42` and `16.05`: a currency on two days).
enum Figure {
    /// How many figures of the smaller set have a match in the other.
    static func shared(_ a: Set<String>, _ b: Set<String>) -> Int {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        return small.filter { x in large.contains(x) || large.contains { matches(x, $0) } }.count
    }

    /// One is the other rounded to its own precision, and that precision keeps two significant
    /// digits (so that `100` does not stand for anything from 50 to 149).
    static func matches(_ x: String, _ y: String) -> Bool {
        guard let vx = Double(x), let vy = Double(y), vx > 0, vy > 0 else { return false }
        let (sx, sy) = (step(x), step(y))
        let (coarse, coarseStep, fine) = sx >= sy ? (vx, sx, vy) : (vy, sy, vx)
        guard coarse / coarseStep >= 10, coarseStep > min(sx, sy) else { return false }
        return abs((fine / coarseStep).rounded() * coarseStep - coarse) < coarseStep / 1000
    }

    /// The place of the last significant digit: 0.01 for `16.42`, 1000 for `38000`.
    static func step(_ figure: String) -> Double {
        if let dot = figure.firstIndex(of: ".") {
            return pow(10, -Double(figure.distance(from: dot, to: figure.endIndex) - 1))
        }
        let zeros = figure.reversed().prefix { $0 == "0" }.count
        return pow(10, Double(min(zeros, figure.count - 1)))
    }
}

/// The articles a run of `gazette import` compares new ones with: the site's, then each new one
/// as it is written. Candidates come from an inverted index of headline words, names and
/// figures, within the matcher's window: a new article is scored against the few that share
/// something distinctive with it, never against every article of the site.
public struct StoryIndex: Sendable {
    public var matcher = StoryMatcher()
    public private(set) var vocabulary = StoryMatcher.Vocabulary()
    private var entries: [(features: StoryFeatures, story: String)] = []
    private var postings: [String: [Int]] = [:]

    public init() {}

    public var count: Int { entries.count }

    /// Adds an article that belongs to `story`.
    public mutating func add(_ features: StoryFeatures, story: String) {
        let id = entries.count
        entries.append((features, story))
        vocabulary.add(features)
        for key in Self.keys(features) { postings[key, default: []].append(id) }
    }

    /// The story `features` belongs to among the articles added so far, or nil for a story of
    /// its own. The story whose best-matching article scores highest wins (ties go to the story
    /// key that sorts first, so that the answer does not depend on the order articles were
    /// added), unless the article contradicts one of its versions.
    public func story(for features: StoryFeatures) -> String? {
        var candidates = Set<Int>()
        for key in Self.keys(features) {
            let list = postings[key] ?? []
            // A word in thousands of headlines ("says") finds nothing distinctive; skipping it
            // keeps a crowded day's matching bounded.
            guard list.count <= Self.commonKey else { continue }
            for id in list where abs(entries[id].features.time - features.time) <= matcher.window {
                candidates.insert(id)
            }
        }
        var scores: [String: Double] = [:]
        var vetoed = Set<String>()
        for id in candidates {
            let entry = entries[id]
            // A story one of whose versions the article contradicts (another headline figure)
            // is another event, however well it matches the rest.
            if matcher.conflict(features, entry.features) { vetoed.insert(entry.story) }
            let score = matcher.score(features, entry.features, vocabulary: vocabulary)
            if score >= matcher.threshold, score > scores[entry.story] ?? 0 { scores[entry.story] = score }
        }
        // Scores within a hair of each other are a tie, broken by the key.
        return scores.filter { !vetoed.contains($0.key) }
            .max { a, b in abs(a.value - b.value) > 1e-9 ? a.value < b.value : a.key > b.key }?.key
    }

    /// Postings longer than this are too common to find candidates by.
    static let commonKey = 400

    /// What an article is found by: its headline words, names and figures.
    static func keys(_ f: StoryFeatures) -> [String] {
        f.titleWords.map { "w:" + $0 } + f.names.map { "n:" + $0 } + f.figures.map { "f:" + $0 }
    }
}
