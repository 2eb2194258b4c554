import Foundation
import Testing

@testable import Gazette

@Suite struct LabelsTests {
    /// English is written without ICU: it must be exactly what CLDR's en-GB formats give, for
    /// every day of a few years (leap days, month and year ends included).
    @Test func englishByHandIsCLDRsBritishEnglish() {
        var days: [Period] = []
        var date = Timestamp(seconds: Timestamp.days(fromCivil: 2023, 12, 1) * 86_400, offset: 0)
        while date.civil.year < 2025 || date.civil.month < 3 {
            days.append(Period(dayOf: date))
            date.seconds += 86_400
        }
        let english = DateNames(language: "en", periods: days)
        let british = DateNames(language: "en-GB-x-icu", periods: days)
        for day in days {
            #expect(english.title(day) == british.title(day))
            #expect(english.longTitle(day) == british.longTitle(day))
            #expect(english.shortTitle(day) == british.shortTitle(day))
            #expect(english.title(day.enclosing(.month)) == british.title(day.enclosing(.month)))
            #expect(english.shortTitle(day.enclosing(.month)) == british.shortTitle(day.enclosing(.month)))
        }
        for minute in stride(from: 0, to: 1440, by: 7) {
            let t = Timestamp(seconds: Int64(minute * 60), offset: 0)
            #expect(english.time(t) == british.time(t))
            #expect(english.weekday(t) == british.weekday(t))
        }
        #expect(english.longTitle(Period(.day, year: 2024, month: 2, day: 29)) == "Thursday, 29 February 2024")
    }

    @Test func otherLanguagesTakeCLDRsFormats() {
        let day = Period(.day, year: 2024, month: 3, day: 9)
        let expected = [
            ("ja", "2024年3月9日", "2024年3月"), ("de", "9. März 2024", "März 2024"), ("fr", "9 mars 2024", "mars 2024"),
            ("ko", "2024년 3월 9일", "2024년 3월"), ("zh-Hans", "2024年3月9日", "2024年3月"), ("es", "9 de marzo de 2024", "marzo de 2024"),
            ("en-US", "March 9, 2024", "March 2024"),
        ]
        for (language, title, month) in expected {
            let names = DateNames(language: language, periods: [day])
            #expect(names.title(day) == title, "\(language)")
            #expect(names.title(day.enclosing(.month)) == month, "\(language)")
        }
        let evening = Timestamp(seconds: 17 * 3600 + 5 * 60, offset: 0)
        #expect(
            DateNames(language: "en-US", periods: [day]).time(evening) == "5:05\u{202F}PM"
                || DateNames(language: "en-US", periods: [day]).time(evening) == "5:05 PM")
        #expect(DateNames(language: "de", periods: [day]).time(evening) == "17:05")
        #expect(DateNames(language: "ja", periods: [day]).weekday(evening) == "木曜日")
    }

    @Test func labelsFillTheirValuesAndFallBackToEnglish() {
        let tables: [String: [(path: String, text: String)]] = [
            "en.yml": [("Templates/i18n/en.yml", "previous_in: \"Previous in {category}\"\nrelated: Related\n")],
            "xx.yml": [("Templates/i18n/xx.yml", "previous_in: \"{category}: früher\"\n")],
        ]
        let (labels, warnings) = Labels.resolve(language: "xx-YY", tables: tables)
        #expect(labels("previous_in", ["category": "Japan"]) == "Japan: früher")
        #expect(labels("related") == "Related")
        #expect(warnings.map(\.message) == ["no label 'related' for 'xx-YY'; the English 'Related' is shown"])
        #expect(labels("previous_in") == "{category}: früher", "a value not given stays as written")
        #expect(Labels.lookupChain("zh-CN") == ["zh-CN", "zh-Hans", "zh"])
        #expect(Labels.lookupChain("zh-Hant-TW") == ["zh-Hant-TW", "zh-Hant", "zh"])
        #expect(Labels.english.count(1) == "1 article" && Labels.english.count(12) == "12 articles")
        #expect(Labels.english.isRightToLeft == false)
        #expect(Labels(language: "he", table: [:]).isRightToLeft)
    }

    /// Every built-in table gives every English key, with the same `{names}`.
    @Test func theShippedTablesAreComplete() {
        for language in ["ja", "ko", "zh", "de", "fr", "es"] {
            let (labels, warnings) = Labels.resolve(language: language, tables: Labels.builtInTables())
            #expect(warnings.isEmpty, "\(language): \(warnings)")
            for (key, english) in Labels.english.table {
                let names = { (text: String) in
                    Set(text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().map { $0.prefix { $0 != "}" } })
                }
                #expect(names(labels.table[key] ?? "") == names(english), "\(language): \(key)")
            }
        }
    }

    /// Times carry the zone's short name where CLDR has one, for the site's language or for a
    /// locale of the zone's country, and the offset where it has none.
    @Test func zoneNamesComeFromCLDR() throws {
        func name(_ zone: String, _ language: String, _ iso: String) throws -> String {
            let tz = try #require(TimeZone(identifier: zone))
            let date = try ISO8601Reader.read(iso, in: tz)
            return DateNames(language: language, periods: [Period(dayOf: date)], timeZone: tz).zone(date)
        }
        #expect(try name("Asia/Singapore", "en", "2024-03-09T10:00:00+08:00") == "SGT")
        #expect(try name("Asia/Tokyo", "en", "2024-03-09T10:00:00+09:00") == "JST")
        #expect(try name("Asia/Tokyo", "ja", "2024-03-09T10:00:00+09:00") == "JST")
        #expect(try name("Asia/Kolkata", "en", "2024-03-09T10:00:00+05:30") == "IST")
        #expect(try name("Europe/London", "en", "2024-07-09T10:00:00+01:00") == "BST")
        #expect(try name("Europe/London", "en", "2024-01-09T10:00:00Z") == "GMT")
        #expect(try name("America/New_York", "en-US", "2024-01-09T10:00:00-05:00") == "EST")
        #expect(try name("America/New_York", "en-US", "2024-07-09T10:00:00-04:00") == "EDT")
        #expect(try name("UTC", "en", "2024-07-09T10:00:00Z") == "UTC")
        #expect(try name("Asia/Jakarta", "en", "2024-03-09T10:00:00+07:00") == "WIB")
        // No short name in CLDR: the offset.
        #expect(try name("Asia/Seoul", "en", "2024-03-09T10:00:00+09:00") == "UTC+09:00")
        // A time at an offset the zone does not use is named by that offset.
        let singapore = try #require(TimeZone(identifier: "Asia/Singapore"))
        let names = DateNames(language: "en", periods: [Period(.day, year: 2024, month: 3, day: 9)], timeZone: singapore)
        #expect(names.zone(Timestamp(seconds: 1_709_946_000, offset: 9 * 3600)) == "UTC+09:00")
    }
}
