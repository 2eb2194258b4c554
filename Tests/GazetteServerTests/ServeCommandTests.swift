import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `gazette serve` as a user runs it: it prints the address, serves, and stops cleanly on a signal.
@Suite(.serialized) struct ServeCommandTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheServerCleanly(signal: Int32) async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        let server = try await ServeProcess.start(site, ["--now", "2024-01-01T00:00:00Z"])
        defer { server.cleanUp() }
        #expect(server.address.absoluteString == "http://127.0.0.1:\(server.port)/digest/")

        // A loaded machine can drop the very first connection while the server settles; try a
        // few times, but the server must still answer with its hello.
        var opened: (EventStreamListener, hello: EventStreamListener.Event)?
        for attempt in 0..<3 where opened == nil {
            if attempt > 0 { try await Task.sleep(for: .milliseconds(300)) }
            opened = try? await EventStreamListener.open(port: server.port)
        }
        let (listener, _) = try #require(opened)
        defer { listener.close() }
        let page = try await RawHTTP.get("/digest/", port: server.port)
        #expect(page.status == 200)

        #expect(try await server.stop(signal) == 0)
        #expect(server.printed.contains("Stopped."))
        // The stream the open page held was closed by the server, not cut by the process dying.
        #expect(await listener.next("never") == nil)
    }

    /// A draft and an embargoed article, previewed with `--drafts --future`, are served from the
    /// preview's own folder and never written to `public/`, which is what gets deployed.
    @Test(arguments: [[], ["--poll"]])
    func draftsAndFutureArticlesStayOutOfPublic(watching: [String]) async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try site.write(
            "content/2022/03/15/merger.md",
            """
            ---
            title: "Embargoed merger talks"
            date: 2022-03-15
            category: Japan
            draft: true
            ---
            Not to be published before the announcement.

            """)
        try site.write(
            "content/2030/01/02/budget.md",
            TestSite.article(title: "Scheduled budget story", date: "2030-01-02", body: "Due in 2030."))
        // What the last `gazette build` published.
        try site.write("public/index.html", "<p>published</p>\n")

        let server = try await ServeProcess.start(site, ["--drafts", "--future", "--now", "2024-01-01T00:00:00Z"] + watching)
        defer { server.cleanUp() }
        let draft = try await RawHTTP.get("/digest/2022/03/15/embargoed-merger-talks/", port: server.port)
        #expect(draft.status == 200)
        #expect(draft.body.contains("Not to be published before the announcement."))
        let future = try await RawHTTP.get("/digest/2030/01/02/scheduled-budget-story/", port: server.port)
        #expect(future.status == 200)
        let feed = try await RawHTTP.get("/digest/feed.xml", port: server.port)
        #expect(feed.body.contains("Embargoed merger talks"))
        // The preview's writes are not changes to the site: no build follows the first.
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await server.stop() == 0)

        let printed = server.printed
        #expect(
            printed.split(separator: "\n").filter { $0.hasPrefix("Built") || $0.hasPrefix("Rebuilt") }.count == 1,
            "\(printed)")
        #expect(site.files(in: "public") == ["index.html"])
        #expect(site.read("public/index.html") == "<p>published</p>\n")
        #expect(site.read(".gazette/preview/feed.xml")?.contains("Embargoed merger talks") == true)
        #expect(site.read(".gazette/preview/2030/01/02/scheduled-budget-story/index.html") != nil)
    }

    /// `-D` includes drafts as `--drafts` does, and each build prints `gazette build`'s summary
    /// line, with what it left out.
    @Test func shortFlagsAndTheSummaryLineOfBuild() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try site.write(
            "content/2022/03/15/merger.md",
            "---\ntitle: \"Embargoed merger talks\"\ndate: 2022-03-15\ncategory: Japan\ndraft: true\n---\nNot yet.\n")
        try site.write(
            "content/2030/01/02/budget.md", TestSite.article(title: "Scheduled budget story", date: "2030-01-02", body: "Due in 2030."))
        let server = try await ServeProcess.start(site, ["-D", "--now", "2024-01-01T00:00:00Z"])
        defer { server.cleanUp() }
        let draft = try await RawHTTP.get("/digest/2022/03/15/embargoed-merger-talks/", port: server.port)
        #expect(draft.status == 200)
        let future = try await RawHTTP.get("/digest/2030/01/02/scheduled-budget-story/", port: server.port)
        #expect(future.status == 404)
        #expect(try await server.stop() == 0)
        let line = try #require(server.printed.split(separator: "\n").first { $0.hasPrefix("Built ") }, "\(server.printed)")
        #expect(line.hasPrefix("Built 4 articles: "), "\(line)")
        #expect(line.contains(" written, ") && line.hasSuffix(" removed; 1 future article left out)"), "\(line)")
    }

    /// The preview's folder deleted under a running server: the next request says so and has the
    /// site built again, open pages reload, and the terminal tells what happened.
    @Test func aDeletedPreviewFolderIsRebuilt() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        let server = try await ServeProcess.start(site, ["--now", "2024-01-01T00:00:00Z"])
        defer { server.cleanUp() }
        let article = "/digest/2022/03/12/japan-weighs-its-security-strategy/"
        #expect(try await RawHTTP.get(article, port: server.port).status == 200)
        let (listener, _) = try await EventStreamListener.open(port: server.port)
        defer { listener.close() }

        try FileManager.default.removeItem(at: site.output)
        let missing = try await RawHTTP.get(article, port: server.port)
        #expect(missing.status == 503)
        #expect(missing.body.contains("id=\"gazette-overlay\""))
        #expect(missing.body.contains("The preview&#39;s folder .gazette/preview/ was deleted; rebuilding it."))
        #expect(missing.body.contains("<script src=\"/__gazette/livereload.js\""))
        // The open page is told too, then reloads once the folder is back.
        let notice = try await within(.seconds(10), "the notice to open pages") { await listener.next("notice") }
        #expect(notice?.data.contains("was deleted; rebuilding it.") == true)
        _ = try await within(.seconds(20), "the reload after the rebuild") { await listener.next("reload") }
        let page = try await RawHTTP.get(article, port: server.port)
        #expect(page.status == 200)
        #expect(page.body.contains("Tokyo is revising the strategy."))
        #expect(try await RawHTTP.get("/digest/feed.xml", port: server.port).status == 200)

        #expect(try await server.stop() == 0)
        #expect(server.printedErrors.contains("The preview's folder .gazette/preview/ was deleted; rebuilding it."))
        #expect(server.printed.contains("Rebuilt after .gazette/preview:"))
    }
}
