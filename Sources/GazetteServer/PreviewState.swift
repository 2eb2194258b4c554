import Foundation
import Gazette

/// The state the server shares between its builds and its requests: the status of the last
/// build, and the open pages' event streams, which hear of every change to it.
actor PreviewState {
    /// Open streams are kept to this many, so that a runaway page cannot hold the server's
    /// memory: a new stream past it closes the oldest one.
    static let maximumListeners = 128

    private let instance: String
    private var generation = 0
    private var diagnostics: [Diagnostic]?
    /// The path the site is served under; follows `base_url` in `site.yml`.
    private(set) var basePath = "/"
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0
    /// The output folder was found missing and no build has ended since.
    private var outputMissing = false

    init() {
        // Tells this server's builds from those of a server run before it on the same port.
        instance = String(UInt32.random(in: .min ... .max), radix: 36)
    }

    var status: BuildStatus {
        BuildStatus(id: "\(instance)-\(generation)", diagnostics: diagnostics)
    }

    /// What a request needs to know, in one look.
    var view: (basePath: String, status: BuildStatus) { (basePath, status) }

    /// A build succeeded; open pages reload when it changed what they show.
    func buildSucceeded(changedOutput: Bool, basePath newBasePath: String? = nil) {
        let moved = newBasePath.map { $0 != basePath } ?? false
        if let newBasePath { basePath = newBasePath }
        outputMissing = false
        guard changedOutput || moved || diagnostics != nil || generation == 0 else { return }
        generation += 1
        diagnostics = nil
        broadcast(ServerSentEvent.format(event: "reload", data: status.id))
    }

    /// A build failed; open pages show its errors over what they have.
    func buildFailed(_ problems: [Diagnostic], basePath newBasePath: String? = nil) {
        if let newBasePath { basePath = newBasePath }
        // Pages showing the notice of a missing output folder get the errors in its place.
        let wasMissing = outputMissing
        outputMissing = false
        guard problems != diagnostics || wasMissing else { return }
        generation += 1
        diagnostics = problems
        let overlay = PageDecorator.overlay(problems)
        let message = "{\"build\":\(ServerSentEvent.jsonString(status.id)),\"overlay\":\(ServerSentEvent.jsonString(overlay))}"
        broadcast(ServerSentEvent.format(event: "failure", data: message))
    }

    /// A request found the output folder gone. True for the first to find it since the last
    /// build ended, which then asks for the rebuild; open pages are told at once, and reload
    /// when the rebuild is done.
    func noticeOutputMissing(_ message: String) -> Bool {
        guard !outputMissing else { return false }
        outputMissing = true
        broadcast(ServerSentEvent.format(event: "notice", data: PageDecorator.notice(message)))
        return true
    }

    /// A new event stream, opening with the current build's identifier.
    ///
    /// Past `maximumListeners` the oldest stream is ended to make room, rather than the new one
    /// refused: a browser does not retry a stream that was refused (a 503), so its page would
    /// stop reloading for good, while a stream that ends is reopened after the `retry:` delay
    /// that each stream starts with. The oldest is the likeliest to belong to a page that has
    /// gone without its connection closing.
    func listen() -> (events: AsyncStream<String>, continuation: AsyncStream<String>.Continuation) {
        while listeners.count >= Self.maximumListeners, let oldest = listeners.keys.min() {
            listeners.removeValue(forKey: oldest)?.finish()
        }
        let (events, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = nextListener
        nextListener += 1
        listeners[id] = continuation
        continuation.onTermination = { _ in
            Task { await self.forget(id) }
        }
        continuation.yield("retry: 1000\n\n" + ServerSentEvent.format(event: "hello", data: status.id))
        return (events, continuation)
    }

    /// A comment line, so that streams whose page has gone are noticed and closed.
    func keepAlive() {
        broadcast(": keep-alive\n\n")
    }

    /// Ends every stream, so that a graceful shutdown does not wait on open pages.
    func closeAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }

    private func forget(_ id: Int) {
        listeners[id] = nil
    }

    private func broadcast(_ text: String) {
        for continuation in listeners.values { continuation.yield(text) }
    }
}
