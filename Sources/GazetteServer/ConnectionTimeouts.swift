import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Closes connections that hold the server without asking it anything: one that takes longer
/// than `head` to send a request head, counted from the moment it opened or from the first byte
/// of its next request, and one that sends nothing for `idle` between requests.
///
/// A client that trickles its head a byte at a time (slowloris) would otherwise keep its
/// connection, and enough of them would keep every other client out. The limits run only while
/// the server waits for a request: a response being written, an open event stream included,
/// is never cut short.
///
/// It sits in front of the HTTP decoder, where it sees the bytes as they arrive;
/// `RequestProgress`, behind the decoder, tells it when a head is complete and when a response
/// has ended.
final class ConnectionTimeouts: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Limits: Sendable {
        var head: Duration
        var idle: Duration
    }

    /// Sent by `RequestProgress` as outbound user events.
    enum Progress {
        case headReceived
        case responseEnded
    }

    private enum State {
        /// Before the connection is active.
        case starting
        /// Waiting for a head to complete; `sawBytes` once any of it arrived.
        case awaitingHead(sawBytes: Bool)
        /// Requests whose head has arrived and whose response has not ended.
        case busy(requests: Int)
        /// Between requests, with nothing received since the last response.
        case idle
        case closed
    }

    private let limits: Limits
    private var state = State.starting
    private var timer: Scheduled<Void>?
    /// Bytes arrived while busy that no head has accounted for yet: the start of a pipelined request.
    private var bytesSinceHead = false

    init(limits: Limits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        state = .closed
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard case .starting = state else { return }
        awaitHead(context, sawBytes: false)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .idle:
            awaitHead(context, sawBytes: true)
        case .awaitingHead(sawBytes: false):
            state = .awaitingHead(sawBytes: true)
        case .busy:
            bytesSinceHead = true
        case .starting, .awaitingHead(sawBytes: true), .closed:
            break
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? Progress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        promise?.succeed()
        switch (progress, state) {
        case (.headReceived, .busy(let requests)):
            bytesSinceHead = false
            state = .busy(requests: requests + 1)
        case (.headReceived, .starting), (.headReceived, .awaitingHead), (.headReceived, .idle):
            cancelTimer()
            bytesSinceHead = false
            state = .busy(requests: 1)
        case (.responseEnded, .busy(let requests)) where requests > 1:
            state = .busy(requests: requests - 1)
        case (.responseEnded, .busy):
            if bytesSinceHead {
                awaitHead(context, sawBytes: true)
            } else {
                state = .idle
                schedule(context, after: limits.idle)
            }
        case (.headReceived, .closed), (.responseEnded, _):
            break
        }
    }

    private func awaitHead(_ context: ChannelHandlerContext, sawBytes: Bool) {
        state = .awaitingHead(sawBytes: sawBytes)
        schedule(context, after: limits.head)
    }

    private func schedule(_ context: ChannelHandlerContext, after delay: Duration) {
        cancelTimer()
        // Handlers run on their channel's event loop, and so does this task.
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) {
            self.timer = nil
            self.expired(context)
        }
    }

    private func expired(_ context: ChannelHandlerContext) {
        switch state {
        case .awaitingHead(sawBytes: true):
            // Part of a request arrived: say why it gets no answer. Nothing else is being
            // written, since no response is under way.
            state = .closed
            let reply = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .awaitingHead(sawBytes: false), .idle:
            state = .closed
            context.close(promise: nil)
        case .starting, .busy, .closed:
            break
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }
}

/// Tells `ConnectionTimeouts`, in front of the HTTP decoder, when a request's head has been read
/// and when its response has been written.
final class RequestProgress: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            context.triggerUserOutboundEvent(ConnectionTimeouts.Progress.headReceived, promise: nil)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        if isEnd { context.triggerUserOutboundEvent(ConnectionTimeouts.Progress.responseEnded, promise: nil) }
    }
}

/// HTTP/1.1 as Hummingbird serves it, with `ConnectionTimeouts` in front of the HTTP decoder.
struct TimedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http: HTTP1Channel
    let limits: ConnectionTimeouts.Limits

    /// Called on the channel's event loop, as `HTTP1Channel.setup` requires.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionTimeouts(limits: limits), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}
