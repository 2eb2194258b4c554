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
    return await withTaskGroup(of: (Int, [R]).self) { group in
        var start = 0
        while start < items.count {
            let range = start..<min(start + size, items.count)
            let slice = Array(items[range])
            group.addTask { (range.lowerBound, slice.map(transform)) }
            start = range.upperBound
        }
        var chunks: [(Int, [R])] = []
        for await chunk in group { chunks.append(chunk) }
        chunks.sort { $0.0 < $1.0 }
        return chunks.flatMap(\.1)
    }
}

/// Like `parallelMap`, but `transform` sees a whole chunk at a time, so that it can keep state
/// (a memo of rendered fragments) for the chunk without sharing it between threads.
func parallelMapChunks<T: Sendable, R: Sendable>(
    _ items: [T], _ transform: @Sendable @escaping (ArraySlice<T>) -> [R]
) async -> [R] {
    if items.isEmpty { return [] }
    // A few chunks per core: enough to balance the load, few enough that memos pay off.
    let size = max(16, items.count / (ProcessInfoCores.count * 4) + 1)
    if items.count <= size { return transform(items[...]) }
    return await withTaskGroup(of: (Int, [R]).self) { group in
        var start = 0
        while start < items.count {
            let range = start..<min(start + size, items.count)
            let slice = items[range]
            group.addTask { (range.lowerBound, transform(slice)) }
            start = range.upperBound
        }
        var chunks: [(Int, [R])] = []
        for await chunk in group { chunks.append(chunk) }
        chunks.sort { $0.0 < $1.0 }
        return chunks.flatMap(\.1)
    }
}

enum ProcessInfoCores {
    static let count = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
