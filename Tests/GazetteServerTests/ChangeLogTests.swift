import Testing

@testable import GazetteServer

@Suite struct ChangeLogTests {
    @Test func aBurstIsTakenAsOneBatch() async throws {
        let log = ChangeLog()
        #expect(await log.quietTimeLeft(.milliseconds(50)) == nil)
        await log.record(["content/a.md"])
        await log.record(["content/b.md", "content/a.md"])
        let left = try #require(await log.quietTimeLeft(.milliseconds(50)))
        #expect(left > .zero && left <= .milliseconds(50))
        try await Task.sleep(for: .milliseconds(60))
        #expect(await log.quietTimeLeft(.milliseconds(50)) == nil)
        #expect(await log.take() == ["content/a.md", "content/b.md"])
        #expect(await log.take() == [])
    }
}
