import Foundation

/// Reads the dates that feeds and pages carry: ISO 8601 (Atom, `dc:date`, `article:published_time`)
/// and RFC 822 (RSS 2.0 `pubDate`: `Sat, 12 Mar 2022 05:02:00 +0800`, `… GMT`, two-digit years).
enum DateReader {
    static func read(_ text: String, in zone: TimeZone) -> Timestamp? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if let iso = try? ISO8601Reader.read(t, in: zone) { return iso }
        // ISO 8601 with fractional seconds and a `+0800` offset is covered above; a bare `T05:02Z` is not.
        return rfc822(t, in: zone)
    }

    /// Zone names RFC 822 defines, and unambiguous ones feeds from Asia, Europe and Oceania use,
    /// in minutes east of UTC. A name not here (IST, BST: each means several zones) is not guessed.
    static let zones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420,
        "MDT": -360, "PST": -480, "PDT": -420, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "PHT": 480,
        "WIB": 420, "ICT": 420, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "CET": 60, "CEST": 120,
        "EET": 120, "EEST": 180, "WET": 0, "WEST": 60, "MSK": 180,
    ]

    static func rfc822(_ text: String, in zone: TimeZone) -> Timestamp? {
        var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() }  // the weekday
        guard parts.count >= 3, let day = Int(parts[0]) else { return nil }
        let monthName = parts[1].lowercased()
        guard let month = CaptureReader.months[String(monthName.prefix(3))], var year = Int(parts[2]) else { return nil }
        // Only a year written with two digits is a two-digit year: `0022` is the year 22.
        if parts[2].count <= 2 { year += year < 50 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0
        if parts.count >= 4 {
            let clock = parts[3].split(separator: ":").map { Int($0) }
            guard clock.count >= 2, let h = clock[0], let m = clock[1] else { return nil }
            hour = h
            minute = m
            if clock.count > 2, let s = clock[2] { second = s }
        }
        var iso = "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
        if parts.count >= 5 {
            let z = parts[4]
            if let minutes = zones[z.uppercased()] {
                iso += (minutes < 0 ? "-" : "+") + "\(pad(abs(minutes) / 60)):\(pad(abs(minutes) % 60))"
            } else if let offset = numericOffset(z) {
                iso += offset
            } else {
                // An offset we cannot read would put the article at the wrong time: say so instead.
                return nil
            }
        }
        return try? ISO8601Reader.read(iso, in: zone)
    }

    /// `+0800` or `+08:00` (sign, then four digits), normalised to `+08:00`.
    static func numericOffset(_ z: String) -> String? {
        guard let sign = z.first, sign == "+" || sign == "-" else { return nil }
        let digits = z.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            z.dropFirst().count == 4 || (z.count == 6 && Array(z)[3] == ":")
        else { return nil }
        return "\(sign)\(digits.prefix(2)):\(digits.suffix(2))"
    }
}
