/// A day, a month or a year in the site's time zone.
public struct Period: Sendable, Hashable, Comparable {
    public enum Granularity: Int, Sendable, Hashable { case year, month, day }
    public var granularity: Granularity
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ granularity: Granularity, year: Int, month: Int = 1, day: Int = 1) {
        self.granularity = granularity
        self.year = year
        self.month = granularity == .year ? 1 : month
        self.day = granularity == .day ? day : 1
    }

    /// The day of `date` as its wall clock reads.
    public init(dayOf date: Timestamp) {
        let c = date.civil
        self.init(.day, year: c.year, month: c.month, day: c.day)
    }

    /// The edition of `date`: its day as the wall clock reads it `cutoff` seconds earlier, so
    /// that with a cut-off of 06:00 an article of 05:59 is in the day before's edition.
    public init(editionOf date: Timestamp, cutoff: Int) {
        self.init(dayOf: cutoff == 0 ? date : Timestamp(seconds: date.seconds - Int64(cutoff), offset: date.offset))
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `12 March 2022`, `March 2022`, `2022`.
    public var title: String {
        switch granularity {
        case .year: return String(year)
        case .month: return "\(Timestamp.monthNames[month - 1]) \(year)"
        case .day: return "\(day) \(Timestamp.monthNames[month - 1]) \(year)"
        }
    }

    /// The month or the year that holds this period.
    public func enclosing(_ granularity: Granularity) -> Period {
        Period(granularity, year: year, month: month, day: day)
    }
}
