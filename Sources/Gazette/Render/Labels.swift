import Foundation

/// The words the default theme shows, in the site's language: its labels from the theme's
/// translation tables (`Templates/i18n/<language>.yml`), and its dates in the CLDR formats of
/// the language.
///
/// A label's table is found by the language tag, then by its shorter forms (`zh-Hant-TW`,
/// `zh-Hant`, `zh`); a site's own `Templates/i18n/` file of that name adds to the built-in one,
/// key by key. A key that the language's table lacks is taken from English, with a warning that
/// names it, so that a page never shows a key's name.
public struct Labels: Sendable {
    /// The language as `site.yml` writes it (`ja`, `en-US`).
    public let language: String
    /// Every key, resolved: the language's text, else English.
    public let table: [String: String]
    /// The labels with `{name}`s in them, cut at each: the text before each name, and the name
    /// (lists show a label for every article, so it is not searched at each use).
    private let pieces: [String: [Piece]]

    struct Piece: Sendable, Hashable {
        var text: String
        var name: String?
    }

    init(language: String, table: [String: String]) {
        self.language = language
        self.table = table
        var pieces: [String: [Piece]] = [:]
        for (key, text) in table where text.contains("{") {
            var parts: [Piece] = []
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                parts.append(Piece(text: String(rest[..<open]), name: String(rest[rest.index(after: open)..<close])))
                rest = rest[rest.index(after: close)...]
            }
            parts.append(Piece(text: String(rest), name: nil))
            pieces[key] = parts
        }
        self.pieces = pieces
    }
    /// Text runs right to left (`ar`, `he`, `fa`, `ur`).
    public var isRightToLeft: Bool { Self.rightToLeft.contains(Self.primary(language)) }

    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"]

    /// English, from the default theme's table.
    public static let english: Labels = {
        let (labels, _) = resolve(language: "en", tables: builtInTables())
        return labels
    }()

    /// `key`'s text with each `{name}` filled in from `values`.
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let parts = pieces[key] else { return table[key] ?? key }
        var text = ""
        for part in parts {
            text += part.text
            // A name the call does not give stays as written, braces and all.
            if let name = part.name { text += values[name] ?? "{\(name)}" }
        }
        return text
    }

    /// `1 article`, `12 articles`.
    public func count(_ n: Int) -> String {
        n == 1 ? self("articles_one") : self("articles_other", ["count": String(n)])
    }

    /// The labels of `language` from `tables` (file name, such as `ja.yml`, to its path and
    /// text), with warnings for keys taken from English, and errors for tables that do not read.
    static func resolve(language: String, tables: [String: [(path: String, text: String)]]) -> (Labels, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // The table of file `name`: the built-in one, then the site's, key by key.
        func read(_ name: String) -> [String: String]? {
            guard let files = tables[name], !files.isEmpty else { return nil }
            var merged: [String: String] = [:]
            for file in files { merged.merge(parse(file) ?? [:]) { $1 } }
            return merged
        }
        func parse(_ file: (path: String, text: String)) -> [String: String]? {
            do {
                let document = try YAMLDocument(parsing: file.text)
                var table: [String: String] = [:]
                for entry in document.entries {
                    guard let text = entry.value.string else {
                        diagnostics.append(
                            Diagnostic(path: file.path, line: entry.line, column: entry.column, message: "\(entry.key): expected text"))
                        continue
                    }
                    table[entry.key] = text
                }
                return table
            } catch {
                diagnostics.append(Diagnostic(path: file.path, line: error.line, column: error.column, message: error.message))
                return nil
            }
        }
        let english = read("en.yml") ?? [:]
        var table = english
        let chain = Self.lookupChain(language)
        var found: String?
        var given = Set<String>()
        // Shortest form first, so that `zh-Hant-TW.yml` overrides `zh-Hant.yml`, which overrides `zh.yml`.
        for name in chain.reversed() where name != "en" {
            guard let own = read("\(name).yml") else { continue }
            found = name
            for (key, text) in own.sorted(by: { $0.key < $1.key }) {
                if english[key] == nil, let path = tables["\(name).yml"]?.last?.path {
                    diagnostics.append(
                        .warning(path: path, "'\(key)' is not a label of the theme; it is not shown (see Templates/i18n/en.yml)"))
                }
                table[key] = text
                given.insert(key)
            }
        }
        if Self.primary(language) != "en" {
            if let found, let path = tables["\(found).yml"]?.last?.path {
                let missing = english.keys.sorted().filter { !given.contains($0) }
                if missing.count <= 3 {
                    for key in missing {
                        diagnostics.append(
                            .warning(path: path, "no label '\(key)' for '\(language)'; the English '\(english[key]!)' is shown"))
                    }
                } else {
                    // One line, not forty, for a table that has just been started.
                    diagnostics.append(
                        .warning(
                            path: path,
                            "no labels for '\(language)' of \(missing.count) keys (\(missing.joined(separator: ", "))); they are shown in English"
                        ))
                }
            } else {
                diagnostics.append(
                    .warning(
                        path: "\(Theme.folder)/i18n/\(language).yml",
                        "no labels for the language '\(language)'; the theme's labels are shown in English (add this file to translate them)"
                    ))
            }
        }
        return (Labels(language: language, table: table), diagnostics)
    }

    /// `zh-Hant-TW` → `zh-Hant-TW`, `zh-Hant`, `zh`; Chinese without a script is Simplified
    /// (`zh`, `zh-CN`, `zh-SG` → `zh-Hans`), as CLDR's likely subtags say.
    static func lookupChain(_ language: String) -> [String] {
        let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first?.lowercased() else { return ["en"] }
        var chain: [String] = []
        for n in stride(from: parts.count, through: 1, by: -1) {
            chain.append(([first] + parts[1..<n]).joined(separator: "-"))
        }
        if first == "zh", !parts.dropFirst().contains(where: { $0.lowercased() == "hant" || ["TW", "HK", "MO"].contains($0.uppercased()) })
        {
            chain.insert("zh-Hans", at: chain.count - 1)
        }
        return chain
    }

    static func primary(_ language: String) -> String {
        language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? "en"
    }

    /// The built-in tables, by file name.
    static func builtInTables() -> [String: [(path: String, text: String)]] {
        var tables: [String: [(path: String, text: String)]] = [:]
        for file in DefaultTheme.files where file.path.hasPrefix("i18n/") && file.path.hasSuffix(".yml") {
            guard let data = Data(base64Encoded: file.base64) else { continue }
            tables[String(file.path.dropFirst("i18n/".count))] = [("\(Theme.folder)/\(file.path)", String(decoding: data, as: UTF8.self))]
        }
        return tables
    }
}

/// Dates as the site's language writes them, in CLDR's formats through Foundation's
/// `DateFormatter`: `9 March 2024`, `2024年3月9日`, `9. März 2024`. English is British English
/// (`9 March 2024`, as the theme's labels are), unless `site.yml` asks for a region (`en-US`).
///
/// Formatting goes through ICU and is slow next to a page's other work, so every title a
/// build shows is made once, up front (`DateNames.init`), and read from tables after.
public struct DateNames: Sendable {
    /// `9 March 2024` for each day, `March 2024` for each month, `2024` for each year.
    private var titles: [Period: String] = [:]
    /// `Saturday, 9 March 2024`.
    private var longTitles: [Period: String] = [:]
    /// `9`, `March`, `2024`: a period named within the one that holds it.
    private var shortTitles: [Period: String] = [:]
    /// `17:05` for each minute of the day.
    private var times: [String] = []
    /// Sunday first.
    private var weekdays: [String] = []
    /// The site zone's short names (`SGT`, `JST`, `BST`) by UTC offset in seconds.
    private var zoneNames: [Int32: String] = [:]

    /// The names of `periods` as above, and the short names `timeZone` has had over those years.
    public init(language: String, periods: [Period], timeZone: TimeZone) {
        self.init(language: language, periods: periods)
        let years = periods.map(\.year)
        guard let first = years.min(), let last = years.max() else { return }
        zoneNames = Self.zoneNames(timeZone, language: language, years: first...last)
    }

    /// The names of the periods `periods` (and of their months and years).
    public init(language: String, periods: some Sequence<Period>) {
        // British English is the theme's own, written without ICU (`Period.title`): it is what
        // CLDR's en-GB formats give.
        guard Self.locale(language) != "en-GB" else {
            for period in periods {
                for p in [period, period.enclosing(.month), period.enclosing(.year)]
                where titles[p] == nil && p.granularity.rawValue <= period.granularity.rawValue {
                    titles[p] = p.title
                    shortTitles[p] =
                        p.granularity == .month ? Timestamp.monthNames[p.month - 1] : p.granularity == .day ? String(p.day) : p.title
                    if p.granularity == .day {
                        let noon = Timestamp(seconds: Timestamp.days(fromCivil: p.year, p.month, p.day) * 86_400 + 43_200, offset: 0)
                        longTitles[p] = "\(Timestamp.weekdayNames[noon.civil.weekday]), \(p.title)"
                    }
                }
            }
            return
        }
        let locale = Locale(identifier: Self.locale(language))
        func date(_ year: Int, _ month: Int, _ day: Int, hour: Int = 12, minute: Int = 0) -> Date {
            let days = Timestamp.days(fromCivil: year, month, day)
            return Date(timeIntervalSince1970: Double(days * 86_400 + Int64(hour * 3600 + minute * 60)))
        }
        let templates: [Period.Granularity: String] = [.year: "y", .month: "yMMMM", .day: "yMMMMd"]
        // One formatter per format: changing a formatter's format makes ICU build it again.
        var formatters: [String: DateFormatter] = [:]
        func format(_ template: String, _ date: Date) -> String {
            if let formatter = formatters[template] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = locale
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.setLocalizedDateFormatFromTemplate(template)
            formatters[template] = formatter
            return formatter.string(from: date)
        }
        for period in periods {
            for p in [period, period.enclosing(.month), period.enclosing(.year)]
            where titles[p] == nil && p.granularity.rawValue <= period.granularity.rawValue {
                let d = date(p.year, p.month, p.day)
                titles[p] = format(templates[p.granularity]!, d)
                shortTitles[p] = format([.year: "y", .month: "LLLL", .day: "d"][p.granularity]!, d)
                if p.granularity == .day { longTitles[p] = format("yMMMMEEEEd", d) }
            }
        }
        // A 24-hour clock (`HH:mm`, `H:mm`) is written by hand; another (`h:mm a`) by ICU.
        switch DateFormatter.dateFormat(fromTemplate: "jmm", options: 0, locale: locale) {
        case "HH:mm": break
        case "H:mm": times = (0..<1440).map { "\($0 / 60):\(pad($0 % 60))" }
        default: times = (0..<1440).map { format("jmm", date(2001, 1, 1, hour: $0 / 60, minute: $0 % 60)) }
        }
        // 2001-01-07 was a Sunday.
        for day in 0..<7 { weekdays.append(format("EEEE", date(2001, 1, 7 + day))) }
    }

    /// The locale whose formats the site's dates take: the language with `-` as ICU writes it,
    /// and English as the theme writes it (British).
    static func locale(_ language: String) -> String {
        let tag = language.replacingOccurrences(of: "_", with: "-")
        return tag.lowercased() == "en" || tag.isEmpty ? "en-GB" : tag
    }

    /// `9 March 2024`, `March 2024`, `2024`.
    public func title(_ period: Period) -> String {
        titles[period] ?? period.title
    }

    /// `Saturday, 9 March 2024` for a day; otherwise the title.
    public func longTitle(_ period: Period) -> String {
        longTitles[period] ?? title(period)
    }

    /// `9`, `March`, `2024`.
    public func shortTitle(_ period: Period) -> String {
        shortTitles[period] ?? title(period)
    }

    /// The wall-clock time of `date`: `17:05` (`5:05 PM` in `en-US`).
    public func time(_ date: Timestamp) -> String {
        let c = date.civil
        return times.isEmpty ? "\(pad(c.hour)):\(pad(c.minute))" : times[c.hour * 60 + c.minute]
    }

    /// The site zone's short name at `date` (`SGT`), or its offset (`UTC+08:00`) where CLDR
    /// has no name for it, or for a date written with an offset the zone does not use.
    public func zone(_ date: Timestamp) -> String {
        zoneNames[date.offset] ?? (date.offset == 0 ? "UTC" : "UTC" + date.offsetString(colon: true, zulu: false))
    }

    /// The short names of `zone` over `years`, by offset: its standard and summer time of
    /// each year (sampled in January and July; a year with more changes than that is rare).
    /// A name is CLDR's for the site's language (`EDT` in `en`), else for a locale of the
    /// zone's country (`SGT` from `en-SG` for Asia/Singapore, `JST` from `ja-JP` for
    /// Asia/Tokyo). Only Latin capitals count as a name: `GMT+8` is no name but an offset.
    static func zoneNames(_ zone: TimeZone, language: String, years: ClosedRange<Int>) -> [Int32: String] {
        // ICU calls UTC "GMT"; a site in UTC says UTC.
        if ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) { return [0: "UTC"] }
        var names: [Int32: String] = [:]
        var formatters: [String: DateFormatter] = [:]
        func name(_ localeID: String, _ date: Date) -> String? {
            let formatter =
                formatters[localeID]
                ?? {
                    let f = DateFormatter()
                    f.locale = Locale(identifier: localeID)
                    f.timeZone = zone
                    f.dateFormat = "zzz"
                    formatters[localeID] = f
                    return f
                }()
            let text = formatter.string(from: date)
            guard (2...5).contains(text.count), text.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
            return text
        }
        let site = locale(language).replacingOccurrences(of: "-", with: "_")
        var regional: [String]?
        // A bounded span: a site whose articles run over centuries still makes a few hundred dates.
        let span = max(years.lowerBound, years.upperBound - 200)...years.upperBound
        for year in span {
            for month in [1, 7] {
                let date = Date(timeIntervalSince1970: Double(Timestamp.days(fromCivil: year, month, 15) * 86_400 + 43_200))
                let offset = Int32(zone.secondsFromGMT(for: date))
                guard names[offset] == nil else { continue }
                if let own = name(site, date) {
                    names[offset] = own
                    continue
                }
                if regional == nil { regional = regionalLocales(of: zone, language: Labels.primary(language)) }
                if let found = regional!.lazy.compactMap({ name($0, date) }).first { names[offset] = found }
            }
        }
        return names
    }

    /// The locales of the country `zone` is in (from the system's `zone.tab`), the site's
    /// language first, then by name.
    static func regionalLocales(of zone: TimeZone, language: String) -> [String] {
        guard let table = try? String(contentsOfFile: "/usr/share/zoneinfo/zone.tab", encoding: .utf8) else { return [] }
        var country: String?
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count >= 3, fields[2] == zone.identifier {
                country = String(fields[0])
                break
            }
        }
        guard let country else { return [] }
        let all = Locale.availableIdentifiers.filter { $0.hasSuffix("_" + country) }.sorted()
        return all.filter { $0.hasPrefix(language + "_") } + all.filter { !$0.hasPrefix(language + "_") }
    }

    /// `Saturday`.
    public func weekday(_ date: Timestamp) -> String {
        let w = date.civil.weekday
        return weekdays.isEmpty ? Timestamp.weekdayNames[w] : weekdays[w]
    }
}
