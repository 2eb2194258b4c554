import Foundation
import Gazette
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle

@testable import GazetteServer

/// A preview server running on a free port of this machine, for one test.
struct Preview: Sendable {
    let url: URL
    let port: Int
    let builds: AsyncStream<PreviewBuildEvent>

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the server for `site`, runs `body`, then shuts the server down gracefully.
    static func run<T: Sendable>(
        _ site: TestSite,
        configure: @Sendable (inout PreviewServer.Configuration) -> Void = { _ in },
        _ body: @Sendable (Preview) async throws -> T
    ) async throws -> T {
        var configuration = PreviewServer.Configuration(build: Builder.Options(siteDirectory: site.root))
        configuration.port = 0
        configuration.build.now = Date(timeIntervalSince1970: 1_700_000_000)
        configuration.followsClock = false
        configure(&configuration)
        let (ready, readyContinuation) = AsyncStream<URL>.makeStream()
        let (builds, buildsContinuation) = AsyncStream<PreviewBuildEvent>.makeStream()
        var logger = Logger(label: "gazette.serve.tests")
        logger.logLevel = .critical
        let server = PreviewServer(
            configuration: configuration, logger: logger,
            onBuild: { buildsContinuation.yield($0) },
            onReady: { url in
                readyContinuation.yield(url)
                readyContinuation.finish()
            })
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ready.makeAsyncIterator()
            guard let url = await iterator.next(), let port = url.port else {
                await group.triggerGracefulShutdown()
                throw Timeout(description: "the server did not start")
            }
            let preview = Preview(url: url, port: port, builds: builds)
            do {
                let value = try await body(preview)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    func nextBuild() async -> PreviewBuildEvent? {
        for await event in builds { return event }
        return nil
    }

    /// One request over a fresh connection, through Hummingbird's HTTP/1.1 test client.
    func request(_ path: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]) async throws -> TestClient.Response {
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10))) { client in
            try await client.execute(TestClient.Request(path, method: method, authority: "127.0.0.1:\(port)", headers: headers))
        }
    }
}

extension TestClient.Response {
    var text: String { body.map { String(buffer: $0) } ?? "" }
}

/// Runs `operation`, failing if it takes longer than `limit`.
func within<T: Sendable>(_ limit: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw Preview.Timeout(description: "\(what) took longer than \(limit)")
        }
        return value
    }
}
