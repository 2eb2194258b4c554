/// Splits a list into pages of `perPage`, or of whole groups (the home page's editions); an
/// empty list still has one (empty) page.
public struct Pagination: Sendable, Hashable {
    public var totalItems: Int
    public var perPage: Int
    /// Where each page starts, when pages hold whole groups; empty for pages of `perPage`.
    private var starts: [Int] = []

    public init(totalItems: Int, perPage: Int) {
        self.totalItems = totalItems
        self.perPage = max(1, perPage)
    }

    /// Pages of whole groups (`groups`: the size of each, in order): a group goes on the page
    /// being filled while that page stays within `perPage`, and otherwise starts the next one.
    /// A group larger than `perPage` has a page of its own; a group is never split.
    public init(groups: [Int], perPage: Int) {
        self.init(totalItems: groups.reduce(0, +), perPage: perPage)
        var start = 0, filled = 0
        starts = [0]
        for size in groups {
            if filled > 0, filled + size > self.perPage {
                starts.append(start)
                filled = 0
            }
            filled += size
            start += size
        }
    }

    public var pageCount: Int { starts.isEmpty ? max(1, (totalItems + perPage - 1) / perPage) : starts.count }

    /// Item indices on `page` (1-based).
    public func range(ofPage page: Int) -> Range<Int> {
        if !starts.isEmpty {
            guard page >= 1, page <= starts.count else { return totalItems..<totalItems }
            return starts[page - 1]..<(page < starts.count ? starts[page] : totalItems)
        }
        let start = min(totalItems, (page - 1) * perPage)
        return start..<min(totalItems, start + perPage)
    }
}
