/// Where a list section is: what `first()`, `last()`, `index()`, `even()` and `odd()` read.
struct SequencePosition: Sendable {
    var first: Bool
    var last: Bool
    var index: Int
}
