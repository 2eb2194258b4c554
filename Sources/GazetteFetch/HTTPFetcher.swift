import AsyncHTTPClient
import Foundation
import Gazette
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// One GET, done the way a polite feed reader does it, with every limit a hostile or broken
/// server could push against: a deadline over the whole download (connection, redirects and
/// body), a cap on the body that stops reading past it (decompressed bytes included), at most
/// `maxRedirects` redirects, and no loop.
public struct HTTPFetcher: Sendable {
    public struct Limits: Sendable {
        /// Seconds for the whole download.
        public var timeout: Double = 30
        public var maxBytes = 20 << 20
        public var maxRedirects = 5

        public init() {}
    }

    public struct Validators: Sendable, Hashable {
        public var etag: String?
        public var lastModified: String?

        public init(etag: String? = nil, lastModified: String? = nil) {
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    public struct Response: Sendable {
        /// 200–299, or 304.
        public var status: Int
        /// The address the body came from, after redirects.
        public var finalURL: String
        /// Set when every redirect on the way was permanent (301, 308): the feed's new address.
        public var movedTo: String?
        public var validators: Validators
        public var body: [UInt8]

        public var notModified: Bool { status == 304 }
    }

    /// Why a download gave nothing, said as a person would read it in a cron mail.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        /// From `Retry-After` on a 429 or 503: the server's own word on when to ask again.
        public var retryAfter: Date?
        /// The HTTP status, when the failure is one.
        public var status: Int?

        public var description: String { reason }
    }

    let client: HTTPClient
    public var limits: Limits
    public var userAgent: String

    /// `client` must not follow redirects itself (this type counts them) and should decompress.
    public init(client: HTTPClient, limits: Limits, userAgent: String) {
        self.client = client
        self.limits = limits
        self.userAgent = userAgent
    }

    /// The client configuration `HTTPFetcher` expects: redirects handled here, gzip and deflate
    /// decoded (the decoder adds `Accept-Encoding`) up to `maxBytes`.
    public static func clientConfiguration(limits: Limits) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(min(limits.timeout, 10) * 1000))),
            decompression: .enabled(limit: .size(limits.maxBytes)))
        configuration.connectionPool = .init(idleTimeout: .seconds(5))
        return configuration
    }

    /// Downloads `url`, sending `validators` as a conditional request, within `timeout` seconds
    /// (default: the limits').
    /// `publicOnly`: refuse, at every hop, a host of this machine or a private network.
    public func get(
        _ url: String, validators: Validators = Validators(), now: Date = Date(), timeout: Double? = nil, publicOnly: Bool = false
    ) async throws(Failure) -> Response {
        let seconds = timeout ?? limits.timeout
        do {
            return try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask {
                    try await self.follow(
                        url, validators: validators, now: now, publicOnly: publicOnly, deadline: .now() + .nanoseconds(Int64(seconds * 1e9))
                    )
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                    throw Failure(reason: "no complete answer within \(Self.seconds(seconds))")
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw Failure(reason: "no answer") }
                return first
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(reason: Self.describe(error, timeout: seconds, maxBytes: limits.maxBytes))
        }
    }

    private func follow(_ start: String, validators: Validators, now: Date, publicOnly: Bool, deadline: NIODeadline) async throws
        -> Response
    {
        var url = start
        var visited: Set<String> = [start]
        var allPermanent = true
        var redirects = 0
        while true {
            if publicOnly, let host = URL(string: url)?.host, PrivateHost.isPrivate(host) {
                throw Failure(reason: "refused: \(host) is this machine or a private network")
            }
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            request.headers.add(name: "User-Agent", value: userAgent)
            request.headers.add(
                name: "Accept",
                value:
                    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
            )
            // Sent on every hop: validators come from the last address of the previous run, which
            // a temporary redirect hides behind the first. A server that did not issue them
            // simply answers in full.
            if let etag = validators.etag { request.headers.add(name: "If-None-Match", value: etag) }
            if let modified = validators.lastModified { request.headers.add(name: "If-Modified-Since", value: modified) }
            let response = try await client.execute(request, deadline: deadline)
            let status = Int(response.status.code)
            switch status {
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "Location"),
                    let next = URL(string: location, relativeTo: URL(string: url))?.absoluteURL.absoluteString,
                    let scheme = URL(string: next)?.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else {
                    throw Failure(reason: "HTTP \(status) redirect without a usable Location")
                }
                redirects += 1
                guard visited.insert(next).inserted else {
                    throw Failure(reason: "redirect loop (\(next) again after \(redirects) redirects)")
                }
                guard redirects <= limits.maxRedirects else {
                    throw Failure(reason: "more than \(limits.maxRedirects) redirects (last to \(next))")
                }
                allPermanent = allPermanent && (status == 301 || status == 308)
                url = next
                continue
            case 304:
                return Response(
                    status: 304, finalURL: url, movedTo: redirects > 0 && allPermanent ? url : nil, validators: validators, body: [])
            case 200..<300:
                if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limits.maxBytes {
                    throw Failure(reason: "the body is \(Self.size(length)), over the \(Self.size(limits.maxBytes)) cap")
                }
                var body: [UInt8] = []
                for try await chunk in response.body {
                    guard body.count + chunk.readableBytes <= limits.maxBytes else {
                        throw Failure(reason: "the body is over the \(Self.size(limits.maxBytes)) cap; stopped reading")
                    }
                    body.append(contentsOf: chunk.readableBytesView)
                }
                let got = Validators(
                    etag: response.headers.first(name: "ETag"), lastModified: response.headers.first(name: "Last-Modified"))
                return Response(
                    status: status, finalURL: url, movedTo: redirects > 0 && allPermanent ? url : nil, validators: got, body: body)
            default:
                var retry: Date?
                if status == 429 || status == 503, let value = response.headers.first(name: "Retry-After") {
                    retry = HTTPDate.retryAfter(value, now: now)
                }
                let phrase = response.status.reasonPhrase
                throw Failure(reason: "HTTP \(status)\(phrase.isEmpty ? "" : " " + phrase)", retryAfter: retry, status: status)
            }
        }
    }

    static func describe(_ error: any Error, timeout: Double, maxBytes: Int) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout: return "no complete answer within \(seconds(timeout))"
            case .connectTimeout: return "could not connect within \(seconds(min(timeout, 10)))"
            case .remoteConnectionClosed: return "the server closed the connection before the answer was complete"
            case .invalidURL, .emptyHost, .emptyScheme: return "not a URL that can be fetched"
            default: return "HTTP failure: \(error)"
            }
        }
        if error is NIOHTTPDecompression.DecompressionError {
            return "the decompressed body is over the \(size(maxBytes)) cap, or not valid gzip or deflate"
        }
        if error is CancellationError { return "cancelled" }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("NXDOMAIN") || text.contains("lookup") { return "cannot find the host (DNS): \(text)" }
        return "cannot fetch: \(text)"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}

/// At most `width` requests at once across a whole run: feeds and full-text pages share it, so
/// that full text never multiplies the connections a run opens. A slot is taken before a
/// request's clock starts, so waiting for one never counts against a download's timeout.
actor RequestPool {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        free = max(1, width)
    }

    func run<R: Sendable>(_ body: @Sendable () async -> R) async -> R {
        await acquire()
        let result = await body()
        release()
        return result
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            // The slot passes straight to the next in line.
            waiting.removeFirst().resume()
        }
    }
}

/// Hosts a page fetched on a feed's word must not be: this machine and private networks. An
/// item's link comes from whoever wrote the feed, and its page's text is published; only a feed
/// the editor listed on such a host may link there.
enum PrivateHost {
    static func isPrivate(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h.hasSuffix(".") { h.removeLast() }
        if h == "localhost" || h.hasSuffix(".localhost") || h.hasSuffix(".local") || h.hasSuffix(".internal") { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        if parts.count == 4, parts.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 255 }) {
            let a = parts[0]!, b = parts[1]!
            return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
                || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b))
        }
        if h.contains(":") {
            return h == "::" || h == "::1" || h.hasPrefix("fc") || h.hasPrefix("fd") || h.hasPrefix("fe80:")
                || h.hasPrefix("::ffff:")
        }
        // A bare number is an IPv4 address to most resolvers (http://2130706433/ is 127.0.0.1).
        return !h.isEmpty && h.allSatisfy { $0.isNumber || $0 == "x" || ("a"..."f").contains($0) } && h.first!.isNumber
    }
}
