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

    static let zones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7,
    ]

    static func rfc822(_ text: String, in zone: TimeZone) -> Timestamp? {
        var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() } // the weekday
        guard parts.count >= 3, let day = Int(parts[0]) else { return nil }
        let monthName = parts[1].lowercased()
        guard let month = CaptureReader.months[String(monthName.prefix(3))], var year = Int(parts[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
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
            if let hours = zones[z.uppercased()] {
                iso += hours < 0 ? "-\(pad(-hours)):00" : "+\(pad(hours)):00"
            } else if (z.hasPrefix("+") || z.hasPrefix("-")), z.count == 5, Int(z.dropFirst()) != nil {
                iso += z
            }
        }
        return try? ISO8601Reader.read(iso, in: zone)
    }
}
