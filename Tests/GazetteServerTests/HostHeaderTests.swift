import Foundation
import Testing

@testable import GazetteServer

/// DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends its requests
/// to the preview with `Host: evil.example`. They must get nothing of the site.
@Suite(.serialized) struct HostHeaderTests {
    static func get(_ path: String, host: String?, port: Int) async throws -> RawHTTP.Reply {
        let hostLine = host.map { "Host: \($0)\r\n" } ?? ""
        return try await RawHTTP.send(Array("GET \(path) HTTP/1.1\r\n\(hostLine)Connection: close\r\n\r\n".utf8), port: port)
    }

    @Test func onlyTheNamesTheServerListensUnderAreAnswered() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        let server = try await ServeProcess.start(site, ["--now", "2024-01-01T00:00:00Z"])
        defer { server.cleanUp() }
        let port = server.port
        for host in [
            "evil.example", "evil.example:\(port)", "localhost.evil.example", "127.0.0.1.nip.io:\(port)",
            "evil.example:\(port)@127.0.0.1", "127.0.0.1:\(port)x", "[::1]evil", "",
        ] {
            for path in ["/digest/", "/digest/feed.xml", "/__gazette/events", "/__gazette/livereload.js"] {
                let reply = try await Self.get(path, host: host, port: port)
                #expect(reply.status == 421 || reply.status == 400, "Host: \(host) \(path) answered \(reply.status)")
                #expect(!reply.body.contains("Japan weighs"), "Host: \(host) \(path) leaked the site")
                #expect(!reply.body.contains("event: hello"), "Host: \(host) \(path) opened the event stream")
            }
        }
        #expect(try await Self.get("/digest/", host: "evil.example", port: port).status == 421)
        #expect(try await Self.get("/digest/", host: nil, port: port).status == 400)
        for host in [
            "localhost", "localhost:\(port)", "LocalHost:\(port)", "127.0.0.1", "127.0.0.1:\(port)",
            "[::1]", "[::1]:\(port)", "localhost.:\(port)",
        ] {
            let reply = try await Self.get("/digest/", host: host, port: port)
            #expect(reply.status == 200, "Host: \(host) answered \(reply.status)")
            #expect(reply.body.contains("Japan weighs"))
        }
    }

    @Test func listeningOnEveryAddressAnswersAnyName() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        let server = try await ServeProcess.start(site, ["--host", "0.0.0.0", "--now", "2024-01-01T00:00:00Z"])
        defer { server.cleanUp() }
        for host in ["evil.example", "my-laptop.local:\(server.port)", "127.0.0.1:\(server.port)"] {
            #expect(try await Self.get("/digest/", host: host, port: server.port).status == 200, "Host: \(host)")
        }
    }

    @Test func theHostOptionNameIsAnswered() {
        let named = HostCheck(listeningOn: "preview.test")
        #expect(named.allows("preview.test:8000"))
        #expect(named.allows("localhost:8000"))
        #expect(!named.allows("evil.example:8000"))
        let v6 = HostCheck(listeningOn: "::1")
        #expect(v6.allows("[::1]:8000"))
        #expect(!v6.allows("::1"))
        #expect(HostCheck(listeningOn: "::").names == nil)
        #expect(HostCheck(listeningOn: "[::]").names == nil)
    }
}
