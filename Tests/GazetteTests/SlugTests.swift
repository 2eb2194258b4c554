import Foundation
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

    @Test func asciiSlugsGiveOtherScriptsAStableHash() {
        let chinese = Slug.make("上海加强检测", style: .ascii)
        #expect(chinese.hasPrefix("a-"))
        #expect(chinese.count == 10)
        #expect(chinese == Slug.make("上海加强检测", style: .ascii))
        #expect(chinese != Slug.make("北京加强检测", style: .ascii))
        #expect(chinese.allSatisfy { $0.isASCII })
        // Mostly non-Latin with a little ASCII: keep the ASCII but make it unique.
        let mixed = Slug.make("東京オリンピック 2020 開幕へ", style: .ascii)
        #expect(mixed.hasPrefix("2020-") && mixed.count == 13)
    }

    @Test(arguments: [
        ("上海加强检测", "上海加强检测"),
        ("日本、安保戦略でロシアを「挑戦」と位置付けへ", "日本-安保戦略でロシアを-挑戦-と位置付けへ"),
        ("東京オリンピック 2020 開幕へ", "東京オリンピック-2020-開幕へ"),
        ("Путин заявил о ПЕРЕГОВОРАХ", "путин-заявил-о-переговорах"),
        ("Ελλάδα: ΕΚΛΟΓΕΣ 2023", "ελλάδα-εκλογεσ-2023"),
        // Marks that belong to a letter stay with it: without them the word is another word.
        ("हिन्दी समाचार", "हिन्दी-समाचार"),
        ("ข่าวไทย วันนี้", "ข่าวไทย-วันนี้"),
        // Latin letters among them are folded as they always were.
        ("Café 東京のカフェ事情を調査", "cafe-東京のカフェ事情を調査"),
    ])
    func otherScriptsKeepTheirLetters(_ title: String, _ expected: String) {
        let slug = Slug.make(title)
        #expect(Array(slug.utf8) == Array(expected.precomposedStringWithCanonicalMapping.utf8), "\(slug)")
    }

    /// Addresses that were ASCII stay exactly as they were: text mostly in Latin letters, with a
    /// word in another script, keeps its ASCII slug; long ASCII text keeps its hash.
    @Test func asciiSlugsDoNotMove() {
        #expect(Slug.make("Sony’s ‘鬼滅の刃’ film tops the box office") == Slug.make("Sony’s ‘鬼滅の刃’ film tops the box office", style: .ascii))
        #expect(Slug.make("Sony’s ‘鬼滅の刃’ film tops the box office") == "sonys-film-tops-the-box-office")
        let long = String(repeating: "x", count: 300)
        #expect(Slug.make(long) == Slug.make(long, style: .ascii))
        #expect(Slug.make("Économie & Société") == "economie-societe")
    }

    @Test func oneSlugForEveryNormalForm() {
        let composed = "가나다라마 東京 Ü"
        #expect(Array(Slug.make(composed.decomposedStringWithCanonicalMapping).utf8) == Array(Slug.make(composed).utf8))
        #expect(Array(Slug.make(composed).utf8) == Array("가나다라마-東京-u".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test func emojiAloneStillMakesAnAddress() {
        #expect(Slug.make("🎉🎉") == Slug.make("🎉🎉", style: .ascii))
        #expect(Slug.make("🎉🎉").hasPrefix("a-"))
    }

    /// At most `maximumLength` bytes of UTF-8, cut between characters (a word's end when one is
    /// past the middle): a folder name every file system takes.
    @Test func longSlugsInOtherScriptsAreCutBetweenCharacters() {
        let words = Slug.make(String(repeating: "переговоры ", count: 20))
        #expect(words.utf8.count <= Slug.maximumLength && !words.hasSuffix("-"))
        #expect(words.hasSuffix("переговоры"))
        let unbroken = Slug.make(String(repeating: "東京", count: 40))
        #expect(unbroken.utf8.count <= Slug.maximumLength && unbroken.utf8.count > Slug.maximumLength - 3)
        #expect(unbroken.allSatisfy { $0 == "東" || $0 == "京" })
        // Marks are never cut off their letter.
        let hindi = Slug.make(String(repeating: "हि", count: 40))
        #expect(hindi.utf8.count <= Slug.maximumLength && hindi.hasSuffix("हि"))
    }

    @Test func routesEncodeNonASCIIOnly() {
        #expect(Route.encoded("2022/03/12/japan-plan/") == "2022/03/12/japan-plan/")
        #expect(Route.encoded("category/日本/") == "category/%E6%97%A5%E6%9C%AC/")
        #expect(Route.encoded("category/日本/") == "category/日本/".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
        // Encoded already (an image path): left as it is.
        #expect(Route.encoded("images/caf%C3%A9.jpg") == "images/caf%C3%A9.jpg")
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
