import Foundation
import Testing

@testable import Gazette

@Suite struct TimestampTests {
    let singapore = TimeZone(identifier: "Asia/Singapore")!
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    let utc = TimeZone(identifier: "UTC")!

    @Test func readsAnOffsetAndShowsItInTheSiteZone() throws {
        let t = try ISO8601Reader.read("2022-03-12T05:02:00+08:00", in: singapore)
        #expect(t.iso8601 == "2022-03-12T05:02:00+08:00")
        #expect(t.rfc822 == "Sat, 12 Mar 2022 05:02:00 +0800")
        #expect(t.seconds == 1_647_032_520)
    }

    /// `iso8601` is written digit by digit; Foundation's formatter is the reference, over
    /// centuries of instants and offsets east, west and zero, whole hours and not.
    @Test func iso8601MatchesFoundationsFormatter() {
        var generator = SystemRandomNumberGenerator()
        let offsets: [Int32] = [0, 3600, -3600, 19800, -12600, 20700, 50400, -43200, 28800, -18000]
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_000_000_000...7_000_000_000, using: &generator)
            let offset = offsets.randomElement(using: &generator)!
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(secondsFromGMT: Int(offset))!
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(Timestamp(seconds: seconds, offset: offset).iso8601 == expected, "\(seconds) \(offset)")
        }
        #expect(pad(7) == "07" && pad(42) == "42" && pad(100) == "100" && pad(-3) == "-3" && pad(7, 4) == "0007")
    }

    /// Article routes are written byte by byte; interpolation is the reference, over instants
    /// from the year 1 to past 9999 (where the general path takes over).
    @Test func articleRoutesMatchInterpolation() {
        var generator = SystemRandomNumberGenerator()
        let slugs = ["a", "japan-may-label-russia", "caf\u{E9}-\u{6771}\u{4EAC}", "x-2024"]
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -62_000_000_000...260_000_000_000, using: &generator)
            let date = Timestamp(seconds: seconds, offset: [0, 32400, -18000].randomElement(using: &generator)!)
            let slug = slugs.randomElement(using: &generator)!
            let c = date.civil
            let expected = "\(pad(c.year, 4))/\(pad(c.month))/\(pad(c.day))/\(slug)/"
            #expect(Route.article(date: date, slug: slug).path == expected, "\(seconds)")
            #expect(Route.article(date: date, slug: slug).outputPath == expected + "index.html")
        }
    }

    @Test func lateEveningUTCIsTheNextDayInTokyo() throws {
        let t = try ISO8601Reader.read("2022-03-12T23:30:00+00:00", in: tokyo)
        #expect(t.civil.day == 13)
        #expect(t.civil.hour == 8)
        #expect(t.iso8601 == "2022-03-13T08:30:00+09:00")
    }

    @Test func aDateAloneIsMidnightInTheSiteZone() throws {
        let t = try ISO8601Reader.read("2022-03-12", in: tokyo)
        #expect(t.iso8601 == "2022-03-12T00:00:00+09:00")
        let u = try ISO8601Reader.read("2022-03-12", in: utc)
        #expect(u.seconds - t.seconds == 9 * 3600)
    }

    @Test(arguments: [
        ("2022-03-12T05:02", "2022-03-12T05:02:00Z"),
        ("2022-03-12 05:02:07", "2022-03-12T05:02:07Z"),
        ("2022-03-12T05:02:00Z", "2022-03-12T05:02:00Z"),
        ("2022-03-12T05:02:00.250-0330", "2022-03-12T08:32:00Z"),
        ("2024-02-29T12:00:00+01:00", "2024-02-29T11:00:00Z"),
    ])
    func acceptedForms(_ text: String, _ expected: String) throws {
        #expect(try ISO8601Reader.read(text, in: utc).iso8601 == expected)
    }

    @Test(arguments: [
        "yesterday", "2022-13-01", "2022-02-30", "2023-02-29", "2022-03-12T25:00", "2022-03-12T05:02+8", "12/03/2022",
        "2022-03-12T05:02:00 PST",
    ])
    func rejectedForms(_ text: String) {
        #expect(throws: ISO8601Reader.Failure.self) { try ISO8601Reader.read(text, in: utc) }
    }

    @Test func localTimesAcrossADaylightSavingChange() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(try ISO8601Reader.read("2022-03-12T12:00:00", in: newYork).iso8601 == "2022-03-12T12:00:00-05:00")
        #expect(try ISO8601Reader.read("2022-03-14T12:00:00", in: newYork).iso8601 == "2022-03-14T12:00:00-04:00")
    }

    @Test func calendarArithmeticMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        for seconds in stride(from: Int64(-2_000_000_000), to: 4_000_000_000, by: 7_777_777) {
            let t = Timestamp(seconds: seconds, offset: 0)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: t.date)
            #expect(t.civil.year == c.year && t.civil.month == c.month && t.civil.day == c.day)
            #expect(t.civil.hour == c.hour && t.civil.minute == c.minute && t.civil.second == c.second)
            #expect(t.civil.weekday + 1 == c.weekday)
        }
    }
}
