/// Seeded generators of front matter for the differential tests and the benchmark.
/// The same seed always gives the same documents.

/// SplitMix64: small, fast, and the same on every platform.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &self)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

enum Corpus {
    static let outlets = [
        "Mainichi", "Kyodo News", "Nikkei Asia", "The Japan Times", "Reuters", "BBC News",
        "Le Monde", "Yonhap", "South China Morning Post", "Asahi Shimbun", "NHK World",
        "Al Jazeera", "Der Spiegel", "El País", "Folha de S.Paulo", "朝日新聞", "聯合報",
        "The Straits Times", "ABC (Australia)", "Nikkei 225 Desk",
    ]
    static let publishers = ["Intellasia", "Gazette Wire", "NewsNow", "Asia Digest", "Gazette"]
    static let categories = [
        "Japan", "China", "Korea", "Economy", "Politics", "Tech", "Sports", "Culture",
        "World", "Asia-Pacific", "経済", "Science & Health",
    ]
    static let tagWords = [
        "Russia", "security", "Ukraine", "energy", "yen", "BOJ", "COVID-19", "semiconductors",
        "Taiwan", "diplomacy", "trade", "elections", "climate", "AI", "C#", "5G", "東京",
        "経済", "안보", "🇯🇵", "New York", "e-commerce", "U.S.", "G7", "Kishida", "Xi Jinping",
        "ASEAN", "oil & gas", "100%", "K-pop", "Tokyo 2020", "Q&A",
    ]
    static let titles = [
        "Japan may label Russia as ‘challenge’ in security strategy revision",
        "Analysis: BOJ's yield curve control under pressure",
        "東京株式市場、日経平均が3日続伸",
        "“We will not back down,” says minister",
        "5 things to know about the G7 summit 🌏",
        "Q&A: What the yen's slide means for you",
        "Tokyo 2020: 'The Games must go on'",
        "Is the #MeToo movement losing steam?",
        "50% of firms say \"no\" to pay hikes",
        "Apple, Google face new rules — again",
        "China's exports rise 7.3% y/y in March",
        "Seoul & Tokyo agree to resume talks",
        "北朝鮮がミサイル発射　日本のEEZ外に落下か",
        "Explainer: Why Taiwan matters to the chip industry",
        "Opinion | A new era for Japan's defence",
        "UPDATE 2-Oil prices climb as supply fears mount",
        "[Photos] Cherry blossoms draw crowds in Kyoto 🌸",
        "S. Korea's Yoon vows \"bold\" plan: details inside",
        "Watch: PM's full press conference (video)",
        "Markets wrap — Nikkei up 1.2%, yen at ¥134/$",
        "‘Back to normal’? Tourists return to Bali",
        "Why the BOJ won't hike rates — yet",
        "Live updates: Ukraine war day 17",
        "Die Welt: Ein Jahr nach dem Krieg",
        "L'économie française résiste malgré l'inflation",
        "中国外交部：坚决反对",
        "Sri Lanka crisis: what happens next?",
        "Japan’s population falls for 12th year",
        "Nintendo Switch sales top 100 million",
        "Kishida: Japan will 'never' accept status quo change by force",
    ]
    static let summaryWords = [
        "the", "government", "said", "on", "Friday", "that", "it", "would", "review",
        "its", "security", "strategy", "amid", "rising", "tensions", "with", "Russia,",
        "officials", "told", "reporters", "in", "Tokyo.", "政府は", "発表した。", "🌏",
        "a", "plan", "to", "boost", "defence", "spending", "by", "2%", "of", "GDP", "—",
        "according", "sources:", "“unprecedented”", "steps", "(AP)", "#1", "100%",
    ]
    static let hosts = [
        "https://mainichi.jp/english/articles/20220312/p2g/00m/0na/010000c",
        "https://www.reuters.com/world/asia-pacific/japan-may-label-russia-2022-03-12/",
        "https://asia.nikkei.com/Politics/International-relations?utm_source=rss&utm_medium=feed",
        "http://example.com/a?b=1&c=2",
        "https://www.bbc.co.uk/news/world-asia-60713838#comments",
        "https://news.example.org/2022/03/12/story.html?id=12345&ref=home&lang=en",
        "https://www3.nhk.or.jp/nhkworld/en/news/20220312_05/",
        "https://www.lemonde.fr/international/article/2022/03/12/l-europe_6117_3210.html",
        "https://example.jp/記事/東京?q=経済&page=2",
    ]

    static func slug(_ title: String) -> String {
        var out = ""
        for scalar in title.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "article" : String(out.prefix(48))
    }

    /// True when `text` can be written as a one-line plain scalar that means itself.
    static func safePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        return !["~", "null", "Null", "NULL"].contains(text)
    }

    static func doubleQuoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
    static func singleQuoted(_ text: String) -> String { "'" + text.replacingAll("'", with: "''") + "'" }

    /// A scalar written the way people and feed importers write them: plain when possible,
    /// otherwise (and sometimes anyway) quoted.
    static func scalar<G: RandomNumberGenerator>(_ text: String, _ g: inout G, flow: Bool = false) -> String {
        let plainOK =
            safePlain(text)
            && !(flow
                && (text.contains(",") || text.contains("[") || text.contains("]")
                    || text.contains("{") || text.contains("}") || text.contains(":")))
        if plainOK && g.chance(0.7) { return text }
        return g.chance(0.6) || text.contains("'") && !text.contains("\"") ? doubleQuoted(text) : singleQuoted(text)
    }

    static func date<G: RandomNumberGenerator>(_ g: inout G) -> String {
        let y = g.int(2015...2024), m = g.int(1...12), d = g.int(1...28), h = g.int(0...23), mi = g.int(0...59)
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch g.int(0...4) {
        case 0: return "\(y)-\(p(m))-\(p(d))"
        case 1: return "\(y)-\(p(m))-\(p(d)) \(p(h)):\(p(mi)):00 +0900"
        case 2: return "\"\(y)-\(p(m))-\(p(d))T\(p(h)):\(p(mi)):00Z\""
        default: return "\(y)-\(p(m))-\(p(d))T\(p(h)):\(p(mi)):00+0\(g.int(0...9)):00"
        }
    }

    static func sentence<G: RandomNumberGenerator>(_ g: inout G, words: ClosedRange<Int>) -> String {
        (0..<g.int(words)).map { _ in g.pick(summaryWords) }.joined(separator: " ")
    }

    static func list<G: RandomNumberGenerator>(_ key: String, _ items: [String], _ g: inout G) -> [String] {
        switch g.int(0...3) {
        case 0: return ["\(key): [" + items.map { scalar($0, &g, flow: true) }.joined(separator: ", ") + "]"]
        case 1: return ["\(key):"] + items.map { "  - " + scalar($0, &g) }
        case 2: return ["\(key):"] + items.map { "- " + scalar($0, &g) }
        default: return items.isEmpty ? ["\(key): []"] : ["\(key):"] + items.map { "    - " + scalar($0, &g) }
        }
    }

    /// A realistic article front matter (the body between the `---` lines).
    static func realistic<G: RandomNumberGenerator>(_ g: inout G) -> String {
        var lines: [String] = []
        if g.chance(0.1) { lines.append("# imported by feed2gazette") }
        let title = g.pick(titles)
        lines.append("title: " + scalar(title, &g))
        lines.append("date: " + date(&g))
        lines.append("category: " + scalar(g.pick(categories), &g))
        let tags = (0..<g.int(0...5)).map { _ in g.pick(tagWords) }
        lines += list("tags", Array(Set(tags)).sorted(), &g)
        lines.append("source: " + scalar(g.pick(outlets), &g))
        lines.append("publisher: " + scalar(g.pick(publishers), &g))
        lines.append("original_url: " + (g.chance(0.8) ? g.pick(hosts) : doubleQuoted(g.pick(hosts))))
        lines.append("slug: " + slug(title))
        lines.append("draft: " + (g.chance(0.9) ? "false" : "true") + (g.chance(0.05) ? " # TODO: review" : ""))
        if g.chance(0.3) { lines.append("author: " + (g.chance(0.3) ? "" : g.pick(["Staff", "Jun Saito", "吉田 健一", "~", "'Desk'"]))) }
        if g.chance(0.3) { lines.append("image: " + (g.chance(0.2) ? "~" : g.pick(hosts) + ".jpg")) }
        if g.chance(0.2) { lines.append("weight: " + g.pick(["-1", "10", "0", "3.5"])) }
        if g.chance(0.2) { lines.append("lang: " + g.pick(["en", "ja", "ko", "zh-Hant"])) }
        if g.chance(0.15) { lines += list("aliases", ["/old/\(slug(title))/", "/p/\(g.int(1...9999))"], &g) }
        if g.chance(0.05) { lines.append("") }
        if g.chance(0.7) {
            switch g.int(0...5) {
            case 0: lines.append("summary: " + scalar(sentence(&g, words: 4...14), &g))
            case 1: lines.append("summary: " + doubleQuoted(sentence(&g, words: 4...14)))
            case 2, 3:
                lines.append("summary: >-")
                for _ in 0..<g.int(1...3) { lines.append("  " + sentence(&g, words: 3...10)) }
                if g.chance(0.2) { lines.append(""); lines.append("  " + sentence(&g, words: 3...8)) }
            case 4:
                lines.append("summary: " + g.pick(["|", ">", "|-", ">+", "|+"]))
                for _ in 0..<g.int(1...3) { lines.append("  " + sentence(&g, words: 3...10)) }
            default:
                lines.append("summary: ")
            }
        }
        return lines.joined(separator: "\n") + (g.chance(0.9) ? "\n" : "")
    }

    static let specials = [
        ": ", ":", "#", " #", "'", "\"", "\\", "\t", "\r", "\r\n", "\n", " ", "  ", "-", "- ",
        "?", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!", "!!str ", "%", "@", "`", "|", ">",
        "---", "...", "~", "null", "é", "東京", "🎉", "\u{FEFF}", "\u{85}", "\u{2028}", "\u{0}",
        "\u{1}", "\u{7F}", "\u{A0}", "\u{301}", "\\u00e9", "\\x41", "\\q", "''", "\\\"", "\\n",
        "\\U0001F600", "\\ud800", "\\x", "\u{FFFE}", "\u{9F}", "\n\n", "\n  ", "\n- ",
    ]
    static let specialLines = [
        "anchor: &a value", "alias: *a", "tagged: !!str x", "---", "...", "%YAML 1.1",
        "? complex", ": value", "map: {a: b}", "nested:\n  a: b", "list:\n  - a: b",
        "x: |\n  a\n b", "\"quoted key\": v", "'single': v", "key with space: v", "ключ: v",
        "<<: *a", "- orphan", "  continued line", "# comment", "   ", "\t# tab comment",
        "k: 'multi\n  line'", "k: \"a\\\n  b\"", "k: plain\n  continued", "title: dup",
        "k:\n  -\n    a", "k: [a, [b]]", "k: [a,\n  b]", "k: >2\n   x\n  y", "k: |0\n  x",
        "k: !local x", "k: @at", "k: `tick`", "k: a: b", "k: a:", "k:v", "k : v",
        "k: - a", "k:\n - a\n  - b", "k:\n  - a\n- b", "k: [a, , b]", "k: [a,]", "k: [:a]",
        "k: [a: b]", "k: [\"a\": b]", "k: \"a\" b", "k: 'a' # c", "k: \"a\"#c", "k: -",
        "k: ? x", "k: ?x", "k: :x", "k: -x", "k: [-x, -]", "k: \u{3000}全角", "k: ''''",
        "k: |-\n\n  a\n\n", "k: >\n  a\n    b\n  c\n", "k: |+\n  a\n\n\n", "k:\n#c\n  - a",
    ]

    /// A realistic front matter with 1 to 4 random edits, most of them to YAML-special text.
    static func mutated<G: RandomNumberGenerator>(_ g: inout G) -> String {
        var scalars = Array(realistic(&g).unicodeScalars)
        for _ in 0..<g.int(1...4) {
            let at = g.int(0...scalars.count)
            switch g.int(0...7) {
            case 0, 1:
                scalars.insert(contentsOf: g.pick(specials).unicodeScalars, at: at)
            case 2:
                if !scalars.isEmpty { scalars.removeSubrange(min(at, scalars.count - 1)..<min(scalars.count, at + g.int(1...3))) }
            case 3:
                var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false).map(
                    String.init)
                let l = g.int(0...lines.count - 1)
                lines.insert(lines[l], at: g.int(0...lines.count))
                scalars = Array(lines.joined(separator: "\n").unicodeScalars)
            case 4:
                var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false).map(
                    String.init)
                let l = g.int(0...lines.count - 1)
                if g.chance(0.5) {
                    lines[l] = String(repeating: " ", count: g.int(1...4)) + lines[l]
                } else {
                    lines[l] = String(lines[l].drop(while: { $0 == " " }))
                }
                scalars = Array(lines.joined(separator: "\n").unicodeScalars)
            case 5:
                var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false).map(
                    String.init)
                lines.insert(g.pick(specialLines), at: g.int(0...lines.count))
                scalars = Array(lines.joined(separator: "\n").unicodeScalars)
            case 6:
                var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false).map(
                    String.init)
                let a = g.int(0...lines.count - 1), b = g.int(0...lines.count - 1)
                lines.swapAt(a, b)
                scalars = Array(lines.joined(separator: "\n").unicodeScalars)
            default:
                let piece = g.pick(specials) + g.pick(["a", "b c", "1", "x:y", "é", "🎉", ""]) + g.pick(specials)
                scalars.insert(contentsOf: piece.unicodeScalars, at: at)
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    static let atoms = [
        "a", "b", "x y", "1", "-1", "~", "null", "Null", "NULL", "nul", "true", "é", "東京", "🎉",
        "C#", "a#b", "a #b", "x:y", "x: y", "x:", "a,b", "a]", "[a", "{a}", "''", "'", "\"", "\\",
        "\\n", "\\\"", "\\t", "\\x41", "\\xe9", "\\u00e9", "\\U0001F600", "\\0", "\\/", "\\ ", "\\_",
        "\\N", "\\L", "\\P", "\\e", "\\a", "\\uD800", "\\q", "  ", " ", "-", "- ", "?", ":", "--",
        "...", "---", "%", "@", "!", "&", "*", "|", ">", "`", "\u{A0}", "\u{301}", "\u{3000}", "",
    ]

    static func atomText<G: RandomNumberGenerator>(_ g: inout G) -> String {
        (0..<g.int(1...4)).map { _ in g.pick(atoms) }.joined()
    }

    /// A single-line scalar in a random style, built from YAML-special pieces.
    static func randomScalar<G: RandomNumberGenerator>(_ g: inout G) -> String {
        let t = atomText(&g)
        switch g.int(0...3) {
        case 0: return "\"" + t + "\""
        case 1: return "'" + t + "'"
        default: return t
        }
    }

    /// A block scalar with random header, indentation, blank and whitespace-only lines.
    static func randomBlock<G: RandomNumberGenerator>(_ g: inout G) -> [String] {
        var header = g.pick(["|", ">"])
        let chomp = g.pick(["", "", "-", "+"])
        let digit = g.chance(0.2) ? String(g.int(0...4)) : ""
        header += g.chance(0.5) ? chomp + digit : digit + chomp
        if g.chance(0.1) { header += g.pick([" # c", "#c", "  ", " x"]) }
        var lines = [header]
        let base = g.int(1...4)
        for _ in 0..<g.int(0...6) {
            switch g.int(0...7) {
            case 0: lines.append("")
            case 1: lines.append(String(repeating: " ", count: g.int(1...6)))
            case 2: lines.append(String(repeating: " ", count: base + g.int(1...3)) + atomText(&g))
            case 3: lines.append(String(repeating: " ", count: max(0, base - g.int(1...2))) + atomText(&g))
            case 4: lines.append(String(repeating: " ", count: base) + "# not a comment")
            default: lines.append(String(repeating: " ", count: base) + atomText(&g) + g.pick(["", " ", " x", "  "]))
            }
        }
        return lines
    }

    /// A document drawn from (and around the edges of) the fast path's grammar.
    static func structured<G: RandomNumberGenerator>(_ g: inout G) -> String {
        var lines: [String] = []
        let keys = ["title", "date", "tags", "a", "b", "k_1", "x-y", "v.2", "A", "0", "null", "_"]
        for _ in 0..<g.int(0...6) {
            let key = g.pick(keys)
            let sep = g.chance(0.95) ? ":" + String(repeating: " ", count: g.int(1...3)) : g.pick([":", " :", ": "])
            switch g.int(0...9) {
            case 0...3:
                lines.append(key + sep + randomScalar(&g) + (g.chance(0.1) ? g.pick([" # c", "#c", "  # c: d"]) : ""))
            case 4:
                let items = (0..<g.int(0...4)).map { _ in randomScalar(&g) }
                lines.append(key + sep + "[" + items.joined(separator: g.pick([", ", ",", " , "])) + "]")
            case 5, 6:
                lines.append(key + ":" + (g.chance(0.2) ? " # c" : ""))
                let indent = String(repeating: " ", count: g.pick([0, 0, 2, 2, 4, 1]))
                for _ in 0..<g.int(0...4) {
                    if g.chance(0.1) { lines.append(g.pick(["", "# c", "  ", "  # c"])) }
                    lines.append(indent + "-" + (g.chance(0.9) ? " " + randomScalar(&g) : ""))
                }
            case 7, 8:
                lines.append(key + sep + randomBlock(&g).joined(separator: "\n"))
            default:
                lines.append(g.pick(["", "# comment", "   ", "#", "  # indented"]))
            }
        }
        return lines.joined(separator: "\n") + (g.chance(0.8) ? "\n" : "")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
