import Foundation

/// An instant together with the wall-clock reading in the site's time zone.
///
/// Gazette does its own calendar arithmetic (proleptic Gregorian, as ISO 8601 says) so that
/// output never depends on the machine's locale, and so that formatting a date is cheap: every
/// list shows one for each article.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, kept so that sorting respects fractional seconds.
    public var nanoseconds: Int32
    /// Offset of the wall clock from UTC, in seconds, in the zone the timestamp is shown in.
    public var offset: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0, offset: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.offset = offset
    }

    public init(_ date: Date, in zone: TimeZone) {
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        self.seconds = Int64(whole)
        self.nanoseconds = Int32(((t - whole) * 1e9).rounded())
        self.offset = Int32(zone.secondsFromGMT(for: date))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9) }

    /// The same instant as read in `zone`.
    public func converted(to zone: TimeZone) -> Timestamp {
        Timestamp(seconds: seconds, nanoseconds: nanoseconds, offset: Int32(zone.secondsFromGMT(for: date)))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    public static func == (a: Timestamp, b: Timestamp) -> Bool {
        a.seconds == b.seconds && a.nanoseconds == b.nanoseconds && a.offset == b.offset
    }

    // MARK: Wall clock

    public struct Civil: Sendable, Hashable, Comparable {
        public var year: Int, month: Int, day: Int
        public var hour: Int, minute: Int, second: Int
        /// 0 = Sunday … 6 = Saturday.
        public var weekday: Int

        public static func < (a: Civil, b: Civil) -> Bool {
            (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
        }
    }

    public var civil: Civil {
        let local = seconds + Int64(offset)
        let days = Int64((Double(local) / 86_400).rounded(.down))
        let secs = Int(local - days * 86_400)
        let (y, m, d) = Timestamp.civil(fromDays: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
        return Civil(
            year: y, month: m, day: d, hour: secs / 3600, minute: (secs / 60) % 60, second: secs % 60,
            weekday: weekday)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Formats

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `2022-03-12T05:02:00+08:00` (`Z` for UTC), for `<time datetime>`, sitemaps and Atom.
    public var iso8601: String {
        // An offset with seconds (local mean time, as in Singapore until 1905) has no ISO 8601
        // or HTML form: the instant is written in UTC instead.
        if offset % 60 != 0 { return Timestamp(seconds: seconds, nanoseconds: nanoseconds, offset: 0).iso8601 }
        let c = civil
        guard (0...9999).contains(c.year) else {
            return
                "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))\(offsetString(colon: true, zulu: true))"
        }
        // Lists show it for every article: written digit by digit into one allocation rather
        // than interpolated from a dozen small strings.
        let minutes = abs(Int(offset)) / 60
        let zulu = offset == 0
        return String(unsafeUninitializedCapacity: zulu ? 20 : 25) { buffer in
            var i = 0
            func digits(_ value: Int, _ width: Int) { writeDigits(value, width: width, into: buffer, at: &i) }
            func char(_ c: Unicode.Scalar) {
                buffer[i] = UInt8(ascii: c)
                i += 1
            }
            digits(c.year, 4); char("-"); digits(c.month, 2); char("-"); digits(c.day, 2)
            char("T"); digits(c.hour, 2); char(":"); digits(c.minute, 2); char(":"); digits(c.second, 2)
            if zulu {
                char("Z")
            } else {
                char(offset < 0 ? "-" : "+"); digits(minutes / 60, 2); char(":"); digits(minutes % 60, 2)
            }
            return i
        }
    }

    /// `Sat, 12 Mar 2022 05:02:00 +0800`, as RSS 2.0 asks (RFC 822 with a four-digit year).
    public var rfc822: String {
        if offset % 60 != 0 { return Timestamp(seconds: seconds, nanoseconds: nanoseconds, offset: 0).rfc822 }
        let c = civil
        let day = String(Timestamp.weekdayNames[c.weekday].prefix(3))
        let month = String(Timestamp.monthNames[c.month - 1].prefix(3))
        return
            "\(day), \(pad(c.day)) \(month) \(pad(c.year, 4)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) \(offsetString(colon: false, zulu: false))"
    }

    /// `+08:00` (`+0800` without the colon, `Z` for UTC when `zulu`); an offset with seconds
    /// shows them (`+06:55:25`): this is for reading, not for ISO 8601 text.
    func offsetString(colon: Bool, zulu: Bool) -> String {
        if offset == 0 && zulu { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let total = abs(Int(offset))
        let seconds = total % 60 == 0 ? "" : "\(colon ? ":" : "")\(pad(total % 60))"
        return "\(sign)\(pad(total / 3600))\(colon ? ":" : "")\(pad(total / 60 % 60))" + seconds
    }
}

func pad(_ value: Int, _ width: Int = 2) -> String {
    if width == 2, (0..<100).contains(value) { return twoDigits[value] }
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// `value`'s last `width` decimal digits, zero-padded, written at `buffer[i...]`; `i` moves past
/// them. For strings built byte by byte (ISO dates, route paths).
func writeDigits(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at i: inout Int) {
    var v = value
    for k in stride(from: width - 1, through: 0, by: -1) {
        buffer[i + k] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
    }
    i += width
}

/// `00` to `99`: months, days, hours and minutes of every date on every page.
private let twoDigits: [String] = (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }

/// Reads the ISO 8601 forms people put in front matter:
/// `2022-03-12`, `2022-03-12T05:02`, `2022-03-12 05:02:00`, `2022-03-12T05:02:00.5+08:00`, `…Z`, `…+0800`.
/// A date or time without an offset is read in `zone`.
public enum ISO8601Reader {
    public struct Failure: Error, Sendable {
        public var message: String
        /// Character offset of the problem within the text.
        public var offset: Int
    }

    public static func read(_ text: String, in zone: TimeZone) throws(Failure) -> Timestamp {
        let s = Array(FrontMatter.trimmed(text).utf8)
        var i = 0
        func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }
        func number(_ digits: Int) throws(Failure) -> Int {
            var v = 0
            for _ in 0..<digits {
                guard i < s.count, s[i] >= 48, s[i] <= 57 else {
                    throw fail("expected ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)")
                }
                v = v * 10 + Int(s[i] - 48)
                i += 1
            }
            return v
        }
        func expect(_ c: Character) throws(Failure) {
            guard i < s.count, s[i] == c.asciiValue! else {
                throw fail("expected ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)")
            }
            i += 1
        }
        let year = try number(4)
        guard year >= 1 else { i = 0; throw fail("year 0000 is out of range: years run from 0001 to 9999") }
        try expect("-")
        let month = try number(2)
        try expect("-")
        let day = try number(2)
        guard (1...12).contains(month) else { i = 5; throw fail("month \(month) is out of range") }
        guard (1...Timestamp.daysInMonth(year, month)).contains(day) else {
            i = 8; throw fail("day \(day) is out of range for \(pad(year, 4))-\(pad(month))")
        }
        var hour = 0, minute = 0, second = 0, nanos = 0
        var explicitOffset: Int?
        if i < s.count {
            guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == UInt8(ascii: " ") else {
                throw fail("expected 'T' between the date and the time")
            }
            i += 1
            hour = try number(2)
            try expect(":")
            minute = try number(2)
            if i < s.count, s[i] == UInt8(ascii: ":") {
                i += 1
                second = try number(2)
                if i < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
                    i += 1
                    var digits = 0
                    while i < s.count, s[i] >= 48, s[i] <= 57 {
                        if digits < 9 { nanos = nanos * 10 + Int(s[i] - 48); digits += 1 }
                        i += 1
                    }
                    guard digits > 0 else { throw fail("expected digits after the decimal point") }
                    for _ in digits..<9 { nanos *= 10 }
                }
            }
            guard hour < 24 || (hour == 24 && minute == 0 && second == 0),
                minute < 60, second < 61
            else {
                i = 11; throw fail("time \(pad(hour)):\(pad(minute)):\(pad(second)) is out of range")
            }
            if i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
            if i < s.count {
                if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                    explicitOffset = 0
                    i += 1
                } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                    let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    let oh = try number(2)
                    if i < s.count, s[i] == UInt8(ascii: ":") { i += 1 }
                    let om = i < s.count ? try number(2) : 0
                    guard oh <= 18, om < 60 else { throw fail("UTC offset is out of range") }
                    explicitOffset = sign * (oh * 3600 + om * 60)
                } else {
                    throw fail("expected a UTC offset (Z or ±HH:MM)")
                }
            }
        }
        guard i == s.count else { throw fail("unexpected text after the date") }
        let local =
            Timestamp.days(fromCivil: year, month, day) * 86_400
            + Int64(hour * 3600 + minute * 60 + min(second, 59))
        let instant: Timestamp
        if let explicitOffset {
            instant = Timestamp(seconds: local - Int64(explicitOffset), nanoseconds: Int32(nanos), offset: Int32(explicitOffset))
                .converted(to: zone)
        } else {
            guard let seconds = Self.instant(ofWallClock: local, in: zone) else {
                i = 11
                let time = "\(pad(hour)):\(pad(minute))" + (second == 0 ? "" : ":\(pad(second))")
                throw fail("\(time) does not exist in \(zone.identifier) on \(pad(year, 4))-\(pad(month))-\(pad(day)): clocks went forward")
            }
            instant = Timestamp(seconds: seconds, nanoseconds: Int32(nanos), offset: 0).converted(to: zone)
        }
        // Pages and folders are named by the date in the site's zone: it must be a year that
        // four digits can write.
        let shown = instant.civil.year
        guard (1...9999).contains(shown) else {
            i = 0
            throw fail("the date falls in the year \(shown) in \(zone.identifier); years run from 0001 to 9999")
        }
        return instant
    }

    /// The instant at which clocks in `zone` show `local` (seconds since 1970 as read on the wall
    /// clock). A time that the clocks skip (the hour lost when they go forward) has none: nil. A
    /// time they show twice (the hour repeated when they go back) gives the earlier instant.
    static func instant(ofWallClock local: Int64, in zone: TimeZone) -> Int64? {
        // The offsets in force around that time: a zone changes its offset at most once within
        // a day or so, so those of a day and a half before and after cover both sides.
        var offsets: [Int64] = []
        for probe in [local - 129_600, local, local + 129_600] {
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(probe))))
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        // An offset is right for this time when the zone is in it at the instant it gives.
        let candidates = offsets.map { local - $0 }.filter { instant in
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))) == local - instant
        }
        return candidates.min()
    }
}
