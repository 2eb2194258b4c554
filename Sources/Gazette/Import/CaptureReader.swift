import Foundation

/// Why an input could not be imported, said for the person who gave it.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The line of the input the problem is on, when it is on one.
    public var line: Int?
    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }
    public var description: String { message }
}

/// Reads a raw capture of a wire story, as a news aggregator shows it:
///
/// ```
/// Japan may label Russia as ‘challenge’ in security strategy revision     ← the title, once or twice
/// 12-Mar-2022 Intellasia |                                                ← the dateline: date, publisher,
/// Mainichi |                                                                 outlet and time, on one line
/// 5:02 AM                                                                    or several; outlet, time optional
/// Print This Post                                                         ← page furniture, anywhere
/// Japan may designate Russia as …                                         ← paragraphs, blank lines between
/// Category: Japan                                                         ← then a trailer, dropped
/// ```
public struct CaptureReader: Sendable {
    /// The zone the dateline's wall clock is read in.
    public var timeZone: TimeZone
    /// Regular expressions for whole lines to drop, beside the defaults (site.yml `import.drop_lines`).
    public var extraDropPatterns: [String]

    public init(timeZone: TimeZone, extraDropPatterns: [String] = []) {
        self.timeZone = timeZone
        self.extraDropPatterns = extraDropPatterns
    }

    /// Furniture that aggregators put around a story, matched against whole trimmed lines, ignoring case.
    public static let defaultDropPatterns = [
        #"Print This Post"#,
        // The mangled comment `<!– –>` (an HTML comment whose dashes became en dashes), and the real thing.
        #"<!\s*[-–—]+.*[-–—]*\s*>"#,
        #"This is not a CAPTIS article\..*"#,
        #"Originally,? it was published here\.?"#,
        #"(Share|Email|Print) this (article|story|post)"#,
    ]

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]

    /// Reads capture text (BOM and CR line endings already allowed for).
    public func read(_ raw: String) throws(ImportError) -> ImportedArticle {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        let dropper = try LineDropper(patterns: Self.defaultDropPatterns + extraDropPatterns)

        guard let datelineIndex = lines.firstIndex(where: { Self.datePrefix($0) != nil }),
            let (day, month, year, firstRest) = Self.datePrefix(lines[datelineIndex])
        else {
            throw ImportError("no dateline: expected a line such as '12-Mar-2022 Intellasia | Mainichi | 5:02 AM'")
        }

        // The title: what stands before the dateline, said once even when the capture repeats it.
        var titleLines: [String] = []
        for line in lines[..<datelineIndex] where !line.isEmpty && !dropper.drops(line) && !titleLines.contains(line) {
            titleLines.append(line)
        }
        guard !titleLines.isEmpty else { throw ImportError("no title before the dateline") }
        let title = titleLines.joined(separator: " ")

        // The dateline goes on while a line ends with '|', and takes the line right after it.
        // Each field with the (1-based) line it is on.
        var fields = Self.fields(firstRest).map { ($0, datelineIndex + 1) }
        var index = datelineIndex + 1
        var continues = firstRest.isEmpty || firstRest.hasSuffix("|")
        while continues, index < lines.count, !lines[index].isEmpty, !dropper.drops(lines[index]) {
            let line = lines[index]
            guard line.hasSuffix("|") || Self.looksLikeTime(line) || (line.count <= 60 && !line.hasPrefix("Category:")) else { break }
            fields += Self.fields(line).map { ($0, index + 1) }
            continues = line.hasSuffix("|")
            index += 1
        }
        var hour = 0, minute = 0
        var names: [String] = []
        for (field, line) in fields {
            if let t = Self.time(field) {
                (hour, minute) = t
            } else if Self.looksLikeTime(field) {
                // A clock reading that no clock shows: refused rather than read as midnight.
                throw ImportError("dateline: '\(field)' is not a time of day", line: line)
            } else {
                names.append(field)
            }
        }
        let date: Timestamp
        do {
            date = try ISO8601Reader.read("\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):00", in: timeZone)
        } catch {
            throw ImportError("dateline: \(pad(day))-\(pad(month))-\(pad(year, 4)) is not a date: \(error.message)")
        }

        // The body: paragraphs up to `Category:`; the trailer after it is dropped.
        var category: String?
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines[index...] {
            if let value = Self.category(line) {
                category = value.isEmpty ? nil : value
                break
            }
            if dropper.drops(line) { continue }
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }

        return ImportedArticle(
            title: title, date: date, category: category,
            source: names.count > 1 ? names[1] : nil, publisher: names.first,
            body: paragraphs.map(MarkdownEscaper.paragraph).joined(separator: "\n\n"))
    }

    /// `12-Mar-2022 rest` → (12, 3, 2022, "rest"); also `12 March 2022`, `12-Sept-2022 | rest`.
    static func datePrefix(_ line: String) -> (Int, Int, Int, String)? {
        // Most lines are prose; only a line that starts with a digit can be a dateline.
        guard let first = line.unicodeScalars.first, ("0"..."9").contains(first) else { return nil }
        let pattern = #"^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{4})(?=\s|\||$)\s*\|?\s*(.*)$"#
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line))
        else { return nil }
        func group(_ i: Int) -> String {
            Range(match.range(at: i), in: line).map { String(line[$0]) } ?? ""
        }
        let name = group(2).lowercased()
        guard let day = Int(group(1)), let year = Int(group(3)),
            let month = months[name] ?? fullMonths.firstIndex(of: name).map({ $0 + 1 })
        else { return nil }
        return (day, month, year, group(4))
    }

    static let fullMonths = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    static func fields(_ text: String) -> [String] {
        text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Written like a time of day (`5:02 AM`, `13:99 PM`), whether or not it is one.
    static func looksLikeTime(_ text: String) -> Bool {
        guard text.count <= 16, text.contains(":") else { return false }
        let pattern = #"^(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?\s*[Mm]\.?)?$"#
        return text.range(of: pattern, options: .regularExpression) != nil
    }

    /// `5:02 AM`, `12:15 p.m.`, `17:02` → hour and minute on a 24-hour clock; nil for anything
    /// that is not a time of day (`13:99 PM`, `25:00`).
    static func time(_ text: String) -> (Int, Int)? {
        guard looksLikeTime(text) else { return nil }
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 2 else { return nil }
        var hour = digits[0]
        let minute = digits[1]
        guard minute < 60, digits.count < 3 || digits[2] < 60 else { return nil }
        let letters = text.lowercased().filter { $0 == "a" || $0 == "p" }
        if letters.isEmpty {
            guard hour < 24 else { return nil }
        } else {
            // 12-hour clock: 12:00 AM is midnight, 12:15 PM a quarter past noon.
            guard (1...12).contains(hour) else { return nil }
            if hour == 12 { hour = 0 }
            if letters == "p" { hour += 12 }
        }
        return (hour, minute)
    }

    static func category(_ line: String) -> String? {
        guard line.prefix(8).lowercased().hasPrefix("categor") else { return nil }
        guard let range = line.range(of: #"^Categor(y|ies)\s*:"#, options: [.regularExpression, .caseInsensitive]) else { return nil }
        return line[range.upperBound...].trimmingCharacters(in: .whitespaces)
    }
}

/// Whole-line furniture patterns, compiled once per read.
struct LineDropper {
    private var expressions: [NSRegularExpression]

    init(patterns: [String]) throws(ImportError) {
        var compiled: [NSRegularExpression] = []
        for pattern in patterns {
            guard let e = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive]) else {
                throw ImportError("import.drop_lines: '\(pattern)' is not a valid regular expression")
            }
            compiled.append(e)
        }
        expressions = compiled
    }

    func drops(_ line: String) -> Bool {
        guard !line.isEmpty else { return false }
        let range = NSRange(line.startIndex..., in: line)
        return expressions.contains { $0.firstMatch(in: line, range: range) != nil }
    }
}
