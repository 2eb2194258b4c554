import Testing

@testable import Gazette

@Suite struct ParallelTests {
    /// The runs cover every item once, in order, shrink as they go and are never below the
    /// minimum but for the last.
    @Test(arguments: [0, 1, 15, 16, 17, 100, 1_000, 12_139])
    func shrinkingRangesCoverEveryItemOnce(count: Int) {
        for cores in [1, 2, 8] {
            let ranges = shrinkingRanges(count: count, minimum: 16, cores: cores)
            #expect(ranges.map(\.count).reduce(0, +) == count)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(ranges.first?.lowerBound ?? 0 == 0)
            #expect(ranges.dropLast().allSatisfy { $0.count >= 16 })
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.count >= $1.count })
            if count >= 1_000 { #expect(ranges.last!.count <= 16 && ranges.count > 2 * cores) }
        }
    }

    /// Results come back in the input order whatever the weights, and each chunk sees its items
    /// heaviest first.
    @Test func chunksByWeightKeepTheInputOrder() async {
        var state: UInt64 = 7
        let items = (0..<5_000).map { i -> (Int, Int) in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (i, Int(state >> 60))
        }
        let results = await parallelMapChunks(items, weight: { $0.1 }) {
            { chunk -> [(Int, Bool)] in
                let heaviestFirst = zip(chunk, chunk.dropFirst()).allSatisfy { $0.1 >= $1.1 }
                return chunk.map { ($0.0 * 3, heaviestFirst) }
            }
        }
        #expect(results.map(\.0) == items.map { $0.0 * 3 })
        #expect(results.allSatisfy { $0.1 })
        #expect(await parallelMapChunks([Int](), weight: { $0 }) { { $0 } }.isEmpty)
        #expect(await parallelMapChunks([4, 1, 3], weight: { $0 }) { { $0 } } == [4, 1, 3])
    }

    /// One worker per core takes chunk after chunk, keeping its state from one to the next:
    /// each worker counts the items it was given before each chunk.
    @Test func eachWorkerKeepsItsStateAcrossItsChunks() async {
        let items = Array(0..<3_000)
        let results = await parallelMapChunks(items, weight: { _ in 1 }) {
            let worker = Int.random(in: 0..<Int.max)
            var given = 0
            return { chunk in
                defer { given += chunk.count }
                return chunk.map { _ in (worker: worker, before: given) }
            }
        }
        let workers = Dictionary(grouping: results, by: \.worker)
        #expect(workers.count <= ProcessInfoCores.count)
        for (_, made) in workers {
            // Its chunks, by what it had been given before each: each starts where the last ended.
            let chunks = Dictionary(grouping: made, by: \.before).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
            #expect(chunks.first?.0 == 0)
            #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.0 + $0.1 == $1.0 })
        }
        #expect(workers.values.contains { Set($0.map(\.before)).count > 1 })
    }

    @Test func mapKeepsTheInputOrder() async {
        let items = Array(0..<10_000)
        #expect(await parallelMap(items) { $0 * 2 } == items.map { $0 * 2 })
        #expect(await parallelMap(items, chunkSize: 7) { $0 + 1 } == items.map { $0 + 1 })
    }
}
