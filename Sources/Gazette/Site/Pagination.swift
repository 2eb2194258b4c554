/// Splits a list into pages of `perPage`; an empty list still has one (empty) page.
public struct Pagination: Sendable, Hashable {
    public var totalItems: Int
    public var perPage: Int

    public init(totalItems: Int, perPage: Int) {
        self.totalItems = totalItems
        self.perPage = max(1, perPage)
    }

    public var pageCount: Int { max(1, (totalItems + perPage - 1) / perPage) }

    /// Item indices on `page` (1-based).
    public func range(ofPage page: Int) -> Range<Int> {
        let start = min(totalItems, (page - 1) * perPage)
        return start..<min(totalItems, start + perPage)
    }
}
