import Foundation
import Testing

@testable import GazetteServer

/// A page's view of an edit: the event stream, then the page fetched again.
@Suite(.serialized) struct LiveReloadTests {
    static let articlePage = "/digest/2022/03/12/japan-weighs-its-security-strategy/"
    static let articleFile = "content/2022/03/12/security.md"

    @Test(arguments: [SiteWatcher.Mode.automatic, .polling(interval: .milliseconds(100))])
    func anEditReloadsThePageWithinASecond(mode: SiteWatcher.Mode) async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site, configure: { $0.watchMode = mode }) { preview in
            let before = try await preview.request(Self.articlePage)
            #expect(before.text.contains("Tokyo is revising the strategy."))
            let (listener, hello) = try await EventStreamListener.open(port: preview.port)
            defer { listener.close() }
            // The page carries the build it was made from, which the stream's greeting names.
            #expect(before.text.contains("data-gazette-build=\"\(hello.data)\""))

            let saved = ContinuousClock.now
            try site.write(
                Self.articleFile,
                TestSite.article(
                    title: "Japan weighs its security strategy",
                    body: "Tokyo has **published** the revised strategy."))
            let page = try await within(.seconds(1), "the reload after a save") {
                let reload = await listener.next("reload")
                #expect(reload != nil)
                #expect(reload?.data != hello.data)
                return try await preview.request(Self.articlePage)
            }
            let elapsed = ContinuousClock.now - saved
            #expect(elapsed < .seconds(1))
            #expect(page.status == .ok)
            #expect(page.text.contains("Tokyo has <strong>published</strong> the revised strategy."))
            #expect(!page.text.contains("gazette-overlay"))
        }
    }

    /// The pages of a preview share one event stream through a shared worker (see
    /// `PageDecorator.script`; scripts/check-live-reload.py drives it in a real browser). The
    /// server's part: the page's script asks for the worker, and the worker is served.
    @Test func thePagesShareOneStreamThroughAWorker() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let script = try await preview.request("/__gazette/livereload.js")
            #expect(script.status == .ok)
            #expect(script.text.contains("new SharedWorker(\"/__gazette/livereload-worker.js\""))
            // Without shared workers, a page holds its own stream only while it is in sight.
            #expect(script.text.contains("visibilitychange"))

            let worker = try await preview.request("/__gazette/livereload-worker.js")
            #expect(worker.status == .ok)
            #expect(worker.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(worker.headers[.cacheControl] == "no-cache")
            #expect(worker.text.contains("new EventSource(\"/__gazette/events\")"))
            #expect(worker.text.contains("onconnect"))
            // Neither is ever written into the built site.
            #expect(!site.files(in: ".gazette/preview").contains { $0.contains("livereload") })
        }
    }

    @Test func aBrokenArticleShowsItsErrorsUntilItIsFixed() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let (listener, _) = try await EventStreamListener.open(port: preview.port)
            defer { listener.close() }

            try site.write(
                Self.articleFile,
                """
                ---
                title: "Japan weighs its security strategy"
                date: someday
                category: Japan
                ---
                Tokyo is revising <the> strategy.

                """)
            let failure = try await within(.seconds(2), "the failure event") { await listener.next("failure") }
            #expect(failure?.data.contains("content/2022/03/12/security.md:3:7: error: date:") == true)

            // Pages still come from the last good build, with the errors over them.
            let broken = try await preview.request(Self.articlePage)
            #expect(broken.status == .ok)
            #expect(broken.text.contains("Tokyo is revising the strategy."))
            #expect(broken.text.contains("id=\"gazette-overlay\""))
            #expect(broken.text.contains("content/2022/03/12/security.md:3:7: error: date: &#39;someday&#39;"))
            let missing = try await preview.request("/digest/nowhere/")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("id=\"gazette-overlay\""))
            // The build on disk is the last good one, untouched.
            #expect(
                site.read(".gazette/preview/2022/03/12/japan-weighs-its-security-strategy/index.html")?
                    .contains("Tokyo is revising the strategy.") == true)

            try site.write(
                Self.articleFile,
                TestSite.article(
                    title: "Japan weighs its security strategy",
                    body: "Tokyo has fixed the strategy."))
            let reload = try await within(.seconds(2), "the reload after the fix") { await listener.next("reload") }
            #expect(reload != nil)
            let fixed = try await preview.request(Self.articlePage)
            #expect(fixed.text.contains("Tokyo has fixed the strategy."))
            #expect(!fixed.text.contains("gazette-overlay"))
        }
    }

    /// Past the limit on open streams, the newest page still gets live reload: the oldest stream
    /// is closed instead (its page, if it is still there, reconnects), never the new one refused.
    @Test func pastTheLimitTheOldestStreamMakesRoom() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            var listeners: [EventStreamListener] = []
            defer { for listener in listeners { listener.close() } }
            for _ in 0..<(PreviewState.maximumListeners + 2) {
                let (listener, hello) = try await EventStreamListener.open(port: preview.port)
                #expect(hello.name == "hello")
                listeners.append(listener)
            }
            // The two oldest were ended by the server; the stream simply finishes.
            for oldest in listeners.prefix(2) {
                let ended = try await within(.seconds(10), "the oldest stream to close") { await oldest.next("never") == nil }
                #expect(ended)
            }
            try site.write(
                Self.articleFile,
                TestSite.article(
                    title: "Japan weighs its security strategy",
                    body: "Tokyo has published the strategy."))
            for listener in [listeners[2], listeners[listeners.count - 2], listeners[listeners.count - 1]] {
                let reload = try await within(.seconds(10), "the reload on a stream that was kept") { await listener.next("reload") }
                #expect(reload != nil)
            }
        }
    }

    @Test func aBurstOfSavesBecomesOneBuild() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site, configure: { $0.debounce = .milliseconds(150) }) { preview in
            _ = await preview.nextBuild()  // the first build
            for n in 1...5 {
                try site.write(
                    "content/2022/03/15/burst-\(n).md",
                    TestSite.article(title: "Burst \(n)", date: "2022-03-15", body: "Saved in a burst."))
                try await Task.sleep(for: .milliseconds(20))
            }
            let event = try await within(.seconds(3), "the rebuild") { await preview.nextBuild() }
            guard case .built(let result, let changed, _)? = event else {
                Issue.record("expected a good build, got \(String(describing: event))")
                return
            }
            #expect(result.articleCount == 8)
            #expect(Set(changed).isSuperset(of: (1...5).map { "content/2022/03/15/burst-\($0).md" }))
            let home = try await preview.request("/digest/")
            for n in 1...5 { #expect(home.text.contains("Burst \(n)")) }
        }
    }

    @Test func templatesAndTheConfigurationAreWatched() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let (listener, _) = try await EventStreamListener.open(port: preview.port)
            defer { listener.close() }
            let theme = try #require(site.read(".gazette/preview/404.html"))
            #expect(!theme.contains("Lost in the news"))
            try site.write(
                "Templates/404.mustache",
                """
                {{<layout}}
                {{$content}}<h1>Lost in the news</h1>{{/content}}
                {{/layout}}

                """)
            _ = try await within(.seconds(2), "the reload after a template change") { await listener.next("reload") }
            #expect(try await preview.request("/digest/nowhere").text.contains("Lost in the news"))

            try site.write(
                "site.yml",
                """
                title: "Renamed Digest"
                base_url: "https://example.org/news/"

                """)
            _ = try await within(.seconds(2), "the reload after site.yml changed") { await listener.next("reload") }
            let moved = try await preview.request("/news/")
            #expect(moved.status == .ok)
            #expect(moved.text.contains("Renamed Digest"))
            #expect(try await preview.request("/").headers[.location] == "/news/")
        }
    }
}
