import GazetteTemplates
import Testing

/// One compiled library rendered from many tasks at once gives what it gives alone.
@Suite struct ConcurrencyTests {
    @Test func concurrentRendersAgree() async throws {
        let library = try TemplateLibrary(templates: try Fixtures.theme())
        let pages = ThemeContexts.pages { library.render($0, template: $1) ?? "" }
        let expected = pages.map { library.render($0.2, template: $0.1) ?? "" }
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var buffer: [UInt8] = []
                    for round in 0..<25 {
                        let index = (task + round) % pages.count
                        buffer.removeAll(keepingCapacity: true)
                        library.render(pages[index].2, template: pages[index].1, into: &buffer)
                        if String(decoding: buffer, as: UTF8.self) != expected[index] { return false }
                    }
                    return true
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 })
    }
}
