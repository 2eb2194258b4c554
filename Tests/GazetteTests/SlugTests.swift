import Testing

@testable import Gazette

@Suite struct SlugTests {
    @Test(arguments: [
        (
            "Japan may label Russia as ‘challenge’ in security strategy revision",
            "japan-may-label-russia-as-challenge-in-security-strategy-revision"
        ),
        ("Économie & Société", "economie-societe"),
        ("Đà Nẵng pilots plastic-free ports", "da-nang-pilots-plastic-free-ports"),
        ("Straße nach Łódź, Ærø", "strasse-nach-lodz-aero"),
        ("Japan’s budget: 2022's \"plan\"", "japans-budget-2022s-plan"),
        ("  --Trailing & leading--  ", "trailing-leading"),
        ("São Paulo", "sao-paulo"),
    ])
    func readableASCII(_ title: String, _ expected: String) {
        #expect(Slug.make(title) == expected)
    }

    @Test func otherScriptsGetAStableFallback() {
        let chinese = Slug.make("上海加强检测")
        #expect(chinese.hasPrefix("a-"))
        #expect(chinese.count == 10)
        #expect(chinese == Slug.make("上海加强检测"))
        #expect(chinese != Slug.make("北京加强检测"))
        #expect(chinese.allSatisfy { $0.isASCII })
        // Mostly non-Latin with a little ASCII: keep the ASCII but make it unique.
        let mixed = Slug.make("東京オリンピック 2020 開幕へ")
        #expect(mixed.hasPrefix("2020-") && mixed.count == 13)
    }

    @Test func longTitlesAreCutAtAWord() {
        let slug = Slug.make(String(repeating: "word ", count: 40))
        #expect(slug.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasSuffix("word"))
    }

    /// The fast path must give exactly what the general path gives.
    @Test func fastPathAgreesWithTheGeneralPath() {
        var generator = SystemRandomNumberGenerator()
        let punctuation = Array("abcXYZ019 '-_.,:;!?&\"/()[]\t\r\n~`@#$%^*+=<>|{}‘’“”–—…•‐‹›※‼")
        // Mostly letters too, so that long slugs are cut and very long ones get a hash.
        let wordy = Array("abcdefghijklmnopqrstuvwxyzABCZ0123456789 ")
        for round in 0..<3000 {
            let alphabet = round.isMultiple(of: 2) ? punctuation : wordy
            let length = Int.random(in: 0...400, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(Slug.fastSlug(text) == Slug.general(text), "\(text.debugDescription)")
        }
        let long = String(repeating: "x", count: 300)
        #expect(Slug.fastSlug(long) == Slug.general(long) && Slug.make(long).count == 89)
        #expect(Slug.fastSlug("Économie") == nil)
        #expect(Slug.fastSlug("a\u{200D}b") == nil)
        #expect(Slug.make("Bank of Japan “data centre” — Japan’s plan…") == "bank-of-japan-data-centre-japans-plan")
        #expect(Slug.make("Économie") == "economie")
    }
}
