import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Keeps request bodies out of a server that serves only GET and HEAD.
///
/// A request that announces a body over `limit` bytes (or one of unknown length) is answered
/// with 413 by the responder, and the connection is closed once that answer is written, rather
/// than read to the end as HTTP/1.1 keep-alive would; a body that grows past the limit anyway
/// closes the connection at once.
final class RequestBodyLimit: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let limit: Int
    private var received = 0
    private var closeAfterResponse = false

    init(limit: Int) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            received = 0
            let length = head.headerFields[.contentLength].flatMap { Int($0) } ?? 0
            closeAfterResponse = length > limit || head.headerFields[.transferEncoding] != nil
        case .body(let buffer):
            received += buffer.readableBytes
            if received > limit {
                context.close(promise: nil)
                return
            }
        case .end:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeAfterResponse, case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        closeAfterResponse = false
        // Handlers run on their channel's event loop, and so does this callback.
        context.writeAndFlush(data).assumeIsolated().whenComplete { result in
            context.close(promise: nil)
            promise?.completeWith(result)
        }
    }
}
