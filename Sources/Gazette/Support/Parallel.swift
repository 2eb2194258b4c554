import Foundation

/// Runs `transform` over `items` in chunks on all cores and returns the results in input order.
///
/// Fan out, gather, keep the order: output must never depend on which task finished first.
func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], chunkSize: Int? = nil, _ transform: @Sendable @escaping (T) -> R
) async -> [R] {
    if items.isEmpty { return [] }
    let size = chunkSize ?? max(16, items.count / (ProcessInfoCores.count * 8) + 1)
    if items.count <= size { return items.map(transform) }
    return await withTaskGroup(of: (Int, [R?]).self) { group in
        var start = 0
        while start < items.count {
            let range = start..<min(start + size, items.count)
            let slice = Array(items[range])
            group.addTask { (range.lowerBound, slice.map { Optional(transform($0)) }) }
            start = range.upperBound
        }
        var chunks: [(Int, [R?])] = []
        for await chunk in group { chunks.append(chunk) }
        chunks.sort { $0.0 < $1.0 }
        return gathered(&chunks, count: items.count)
    }
}

/// Like `parallelMap`, but `transform` sees a whole chunk at a time, so that it can keep state
/// (a memo of rendered fragments) for the chunk without sharing it between threads.
///
/// Items are dealt to chunks in turn rather than cut into runs: pages come in kinds of very
/// different cost (a year page lists thousands of articles), and runs would leave one core with
/// all the heavy ones while the other waits.
func parallelMapChunks<T: Sendable, R: Sendable>(
    _ items: [T], chunksPerCore: Int = 4, _ transform: @Sendable @escaping ([T]) -> [R]
) async -> [R] {
    if items.isEmpty { return [] }
    let chunkCount = min(items.count, ProcessInfoCores.count * chunksPerCore)
    if chunkCount <= 1 || items.count < 32 { return transform(items) }
    return await withTaskGroup(of: (Int, [R]).self) { group in
        for chunk in 0..<chunkCount {
            let dealt = Array(stride(from: chunk, to: items.count, by: chunkCount).map { items[$0] })
            group.addTask { (chunk, transform(dealt)) }
        }
        var results = [[R]](repeating: [], count: chunkCount)
        for await (chunk, values) in group { results[chunk] = values }
        // Deal back: item i was the (i / chunkCount)-th of chunk (i % chunkCount).
        var out: [R] = []
        out.reserveCapacity(items.count)
        for i in 0..<items.count { out.append(results[i % chunkCount][i / chunkCount]) }
        return out
    }
}

/// The chunks' results in order, moved out of them: appending one array to another copies each
/// element (a retain for each of its references, and a release when the chunk goes), which for
/// ten thousand articles was a pass over every string of the site.
private func gathered<R>(_ chunks: inout [(Int, [R?])], count: Int) -> [R] {
    var out: [R] = []
    out.reserveCapacity(count)
    for c in chunks.indices {
        for k in chunks[c].1.indices { out.append(chunks[c].1[k].take()!) }
    }
    return out
}

enum ProcessInfoCores {
    static let count = max(1, ProcessInfo.processInfo.activeProcessorCount)
}

/// Frees `value` on another thread. Tearing down a large site's structures (the build cache,
/// the index, every article) takes tens of milliseconds that the build need not wait for.
func releaseInBackground<T: Sendable>(_ value: consuming T) {
    let owned = value
    Task.detached(priority: .utility) { withExtendedLifetime(owned) {} }
}

/// Keeps `value` until the process exits: the system takes a process's memory back at once,
/// where freeing ten thousand articles one string at a time took a rebuild's threads tens of
/// milliseconds (and, on two cores, held up the build's own last steps behind them). Only for
/// a process that exits right after its build (see `Builder.Options.freesMemory`): the box is
/// retained once more than it is released, on purpose.
func leaveToExit<T: Sendable>(_ value: consuming T) {
    _ = Unmanaged.passRetained(LeftToExit(value))
}

private final class LeftToExit<T: Sendable>: Sendable {
    let value: T
    init(_ value: consuming T) { self.value = value }
}
