import Foundation
import Testing

@testable import Gazette

@Suite struct PublishTargetTests {
    let here = URL(fileURLWithPath: "/work/here", isDirectory: true)

    func parse(_ text: String, via: PublishTarget.Transport? = nil, endpoint: String? = nil) throws -> PublishTarget.Kind {
        try PublishTarget(parsing: text, relativeTo: here, via: via, endpointURL: endpoint).kind
    }

    func error(_ text: String, via: PublishTarget.Transport? = nil, endpoint: String? = nil) -> PublishError? {
        do {
            _ = try PublishTarget(parsing: text, relativeTo: here, via: via, endpointURL: endpoint)
            return nil
        } catch {
            return error
        }
    }

    @Test func foldersAreResolvedAgainstTheBase() throws {
        #expect(try parse("./out") == .folder(URL(fileURLWithPath: "/work/here/out", isDirectory: true)))
        #expect(try parse("../www/digest/") == .folder(URL(fileURLWithPath: "/work/www/digest", isDirectory: true)))
        #expect(try parse("/var/www/digest") == .folder(URL(fileURLWithPath: "/var/www/digest", isDirectory: true)))
        #expect(try parse("file:///var/www/digest") == .folder(URL(fileURLWithPath: "/var/www/digest", isDirectory: true)))
        #expect(try parse("./out", via: .rsync) == .rsync(destination: "/work/here/out", isRemote: false))
    }

    @Test func rsyncDestinations() throws {
        #expect(try parse("deploy@example.org:/srv/www") == .rsync(destination: "deploy@example.org:/srv/www", isRemote: true))
        #expect(try parse("example.org:www") == .rsync(destination: "example.org:www", isRemote: true))
        #expect(try parse("rsync://example.org/site/digest") == .rsync(destination: "rsync://example.org/site/digest", isRemote: true))
        #expect(error("rsync://example.org")?.kind == .invalidTarget)
        #expect(error("-oProxyCommand=x:y")?.kind == .invalidTarget)
    }

    @Test func gitBranches() throws {
        #expect(try parse("git+file:///srv/site.git#gh-pages") == .git(remote: "file:///srv/site.git", branch: "gh-pages"))
        #expect(
            try parse("git+ssh://git@example.org/org/repo.git#pages/live")
                == .git(remote: "ssh://git@example.org/org/repo.git", branch: "pages/live"))
        #expect(try parse("git+https://example.org/org/repo.git") == .git(remote: "https://example.org/org/repo.git", branch: "gh-pages"))
        #expect(error("git+file:///srv/site.git#bad..name")?.kind == .invalidTarget)
        #expect(error("git+file:///srv/site.git#-f")?.kind == .invalidTarget)
        #expect(error("git+ftp://example.org/x.git#a")?.kind == .invalidTarget)
    }

    @Test func s3Buckets() throws {
        #expect(try parse("s3://my-bucket/digest/") == .s3(bucket: "my-bucket", prefix: "digest", endpointURL: nil))
        #expect(try parse("s3://my-bucket") == .s3(bucket: "my-bucket", prefix: "", endpointURL: nil))
        #expect(
            try parse("s3://my.bucket//a//b", endpoint: "http://127.0.0.1:9000")
                == .s3(bucket: "my.bucket", prefix: "a/b", endpointURL: "http://127.0.0.1:9000"))
        #expect(error("s3://My_Bucket/x")?.kind == .invalidTarget)
        #expect(error("s3://bucket/../x")?.kind == .invalidTarget)
        #expect(error("s3://bucket/x", endpoint: "not a url")?.kind == .invalidTarget)
    }

    @Test func mistakesAreCaughtWithAHint() throws {
        #expect(error("production")?.message.contains("write ./production") == true)
        #expect(error("ftp://example.org/x")?.message.contains("unknown kind of target") == true)
        #expect(error("s3://bucket/x", via: .rsync)?.message.contains("--via rsync applies to folders") == true)
        #expect(error("./out", endpoint: "http://127.0.0.1:9000")?.message.contains("only applies to s3://") == true)
        #expect(error("/")?.kind == .invalidTarget)
        #expect(error("")?.kind == .invalidTarget)
    }

    @Test func namesFromSiteConfigResolveAgainstTheSiteFolder() throws {
        let config = try SiteConfig.parse(
            """
            publish:
              production: "s3://bucket/digest"
              preview: "./preview-site"
            """)
        let site = URL(fileURLWithPath: "/sites/digest", isDirectory: true)
        let production = try PublishTarget.resolve("production", config: config, siteDirectory: site, currentDirectory: here)
        #expect(production.kind == .s3(bucket: "bucket", prefix: "digest", endpointURL: nil))
        #expect(production.description == "production (s3://bucket/digest)")
        let preview = try PublishTarget.resolve("preview", config: config, siteDirectory: site, currentDirectory: here)
        #expect(preview.kind == .folder(URL(fileURLWithPath: "/sites/digest/preview-site", isDirectory: true)))
        let typed = try PublishTarget.resolve("./preview-site", config: config, siteDirectory: site, currentDirectory: here)
        #expect(typed.kind == .folder(URL(fileURLWithPath: "/work/here/preview-site", isDirectory: true)))
        do {
            _ = try PublishTarget.resolve("staging", config: config, siteDirectory: site, currentDirectory: here)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("site.yml names: production, preview"))
        }
    }

    @Test func eachTargetNamesTheToolItNeeds() throws {
        #expect(try PublishTarget(parsing: "./out", relativeTo: here).requiredTools == [])
        #expect(try PublishTarget(parsing: "h:/x", relativeTo: here).requiredTools == ["rsync"])
        #expect(try PublishTarget(parsing: "git+file:///x.git#b", relativeTo: here).requiredTools == ["git"])
        #expect(try PublishTarget(parsing: "s3://bucket", relativeTo: here).requiredTools == ["aws"])
    }
}
