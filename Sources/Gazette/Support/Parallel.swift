import Foundation

/// Runs `transform` over `items` in chunks on all cores and returns the results in input order.
///
/// Fan out, gather, keep the order: output must never depend on which task finished first.
/// Without a `chunkSize`, chunks shrink as they go (see `shrinkingRanges`).
func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], chunkSize: Int? = nil, _ transform: @Sendable @escaping (T) -> R
) async -> [R] {
    if items.isEmpty { return [] }
    let ranges =
        chunkSize.map { size in
            stride(from: 0, to: items.count, by: size).map { $0..<min($0 + size, items.count) }
        } ?? shrinkingRanges(count: items.count, minimum: 16)
    if ranges.count <= 1 { return items.map(transform) }
    return await withTaskGroup(of: (Int, [R?]).self) { group in
        for range in ranges {
            let slice = Array(items[range])
            group.addTask { (range.lowerBound, slice.map { Optional(transform($0)) }) }
        }
        var chunks: [(Int, [R?])] = []
        for await chunk in group { chunks.append(chunk) }
        chunks.sort { $0.0 < $1.0 }
        return gathered(&chunks, count: items.count)
    }
}

/// Cuts `count` items into runs that shrink as the work goes on, each an eighth of what is left
/// on two cores (and at least `minimum`): few tasks, and a last one so small that the core that
/// finishes first hardly waits for the other (with runs of one size it waits half a run on
/// average).
func shrinkingRanges(count: Int, minimum: Int, cores: Int = ProcessInfoCores.count) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    while start < count {
        let end = min(count, start + max(minimum, (count - start) / (cores * 4)))
        ranges.append(start..<end)
        start = end
    }
    return ranges
}

/// Like `parallelMap`, but in chunks that one worker per core takes in turn, each worker with
/// its own state: `worker()` is called once on each core, and the function it returns is given
/// every chunk that core takes, so that it can keep what it made (a memo of rendered fragments)
/// from chunk to chunk without sharing it between threads.
///
/// Items go out heaviest first, by `weight` (a year page lists thousands of articles, an
/// article page one): the last, small chunks then hold light items only, and neither core is
/// left with a heavy one while the other waits. Items of one weight keep their order.
func parallelMapChunks<T: Sendable, R: Sendable>(
    _ items: [T], minimumChunk: Int = 8, weight: (T) -> Int, worker: @Sendable @escaping () -> ([T]) -> [R]
) async -> [R] {
    if items.isEmpty { return [] }
    let weights = items.map(weight)
    let order = items.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
    let ranges = shrinkingRanges(count: items.count, minimum: minimumChunk)
    if ranges.count <= 1 { return worker()(items) }
    let chunks = ChunkDispenser(count: ranges.count)
    return await withTaskGroup(of: [(Range<Int>, [R])].self) { group in
        for _ in 0..<min(ProcessInfoCores.count, ranges.count) {
            group.addTask {
                let transform = worker()
                var done: [(Range<Int>, [R])] = []
                while let c = await chunks.next() {
                    done.append((ranges[c], transform(order[ranges[c]].map { items[$0] })))
                }
                return done
            }
        }
        var out = [R?](repeating: nil, count: items.count)
        for await done in group {
            for (range, values) in done {
                for (k, value) in zip(range, values) { out[order[k]] = value }
            }
        }
        // Moved out, not copied: a copy retains and releases every result once more.
        var results: [R] = []
        results.reserveCapacity(items.count)
        for i in out.indices { results.append(out[i].take()!) }
        return results
    }
}

/// Hands out chunk numbers in order, each once, to the workers that ask.
private actor ChunkDispenser {
    private var given = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        guard given < count else { return nil }
        given += 1
        return given - 1
    }
}

/// The chunks' results in order, moved out of them: appending one array to another copies each
/// element (a retain for each of its references, and a release when the chunk goes).
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
/// where freeing a large site one string at a time takes tens of milliseconds (and, on two
/// cores, holds up the build's own last steps behind it). Only for
/// a process that exits right after its build (see `Builder.Options.freesMemory`): the box is
/// retained once more than it is released, on purpose.
func leaveToExit<T: Sendable>(_ value: consuming T) {
    _ = Unmanaged.passRetained(LeftToExit(value))
}

/// Lets go of a build's large tables: freed on another thread (`freeing`), or kept until the
/// process exits when it exits right after the build (see `Builder.Options.freesMemory`).
func release<T: Sendable>(_ value: consuming T, freeing: Bool) {
    if freeing { releaseInBackground(value) } else { leaveToExit(value) }
}

private final class LeftToExit<T: Sendable>: Sendable {
    let value: T
    init(_ value: consuming T) { self.value = value }
}
