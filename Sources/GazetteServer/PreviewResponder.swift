import Foundation
import Gazette
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// Answers every request of the preview: the site's files through Hummingbird's
/// `FileMiddleware` (ETag, Last-Modified, Range, HEAD, 304), its own 404 page, and the
/// live-reload script and event stream under `/__gazette/`.
///
/// Only requests whose `Host` names this server are answered (`HostCheck`). A request reaches
/// the disk only after `RequestPath` has accepted its text, and a file is served only if its real
/// path, symbolic links resolved, lies inside the output folder.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The output folder's real path, without a trailing slash.
    let output: String
    let state: PreviewState
    let files: FileMiddleware<BasicRequestContext, SiteFileProvider>
    let hosts: HostCheck
    let missingOutput: MissingOutput

    /// Requests are for pages; anything larger than this is not one of ours.
    static let maximumBodySize = 16 * 1024

    init(
        output: String, state: PreviewState, files: FileMiddleware<BasicRequestContext, SiteFileProvider>,
        hosts: HostCheck, missingOutput: MissingOutput
    ) {
        self.output = output
        self.state = state
        self.files = files
        self.hosts = hosts
        self.missingOutput = missingOutput
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        do {
            response = try await route(request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }

    private func route(_ request: Request, context: Context) async throws -> Response {
        guard hosts.allows(request.head.authority) else {
            let status: HTTPResponse.Status = request.head.authority == nil ? .badRequest : .misdirectedRequest
            return Self.plain(status, detail: hosts.refusal)
        }
        let path = request.uri.path
        guard request.method == .get || request.method == .head else {
            return Self.plain(.methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if request.headers[.transferEncoding] != nil
            || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > Self.maximumBodySize
        {
            return Self.plain(.contentTooLarge, headers: [.connection: "close"])
        }
        if path.hasPrefix("/__gazette/") { return await tooling(path, method: request.method) }

        let basePath = await state.basePath
        switch RequestPath.parse(path, basePath: basePath) {
        case .rejected(let status):
            return Self.plain(status == .uriTooLong ? .uriTooLong : .badRequest)
        case .redirect(let location):
            return redirect(to: location, keeping: request)
        case .notFound:
            return await notFound(request)
        case .site(let relative, let isFolder):
            return try await serve(relative, isFolder: isFolder, request: request, context: context)
        }
    }

    // MARK: Files

    private func serve(_ relative: String, isFolder: Bool, request: Request, context: Context) async throws -> Response {
        let candidate = relative.isEmpty ? output : output + "/" + relative
        switch locate(candidate) {
        case .missing: return await notFound(request)
        case .outside: return Self.plain(.forbidden)
        case .found(let real, let isDirectory):
            var file = real
            if isDirectory {
                guard isFolder else {
                    // Relative links in the page only work from the folder's own URL.
                    return redirect(to: request.uri.path + "/", keeping: request)
                }
                switch locate(real + "/index.html") {
                case .missing: return await notFound(request)
                case .outside: return Self.plain(.forbidden)
                case .found(let index, let indexIsDirectory):
                    guard !indexIsDirectory else { return await notFound(request) }
                    file = index
                }
            } else if isFolder {
                return await notFound(request)
            }
            return try await serveFile(String(file.dropFirst(output.count)), request: request, context: context)
        }
    }

    /// `relative` starts with `/` and names a regular file inside the output folder.
    private func serveFile(_ relative: String, request: Request, context: Context) async throws -> Response {
        let isHTML = ContentTypes.isHTML(relative)
        var head = request.head
        head.path = RequestPath.encode(relative)
        var status: BuildStatus?
        if isHTML {
            // The page served is the file plus the live-reload script and, after a failed build,
            // the overlay; its validator must name both, and byte ranges of the file would not
            // be ranges of the page.
            let current = await state.status
            status = current
            head.headerFields[.range] = nil
            head.headerFields[.ifRange] = nil
            head.headerFields[.ifModifiedSince] = nil
            let suffix = "-\(current.id)\""
            let validators = request.headers[values: .ifNoneMatch]
                .flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasSuffix(suffix) }
                .map { String($0.dropLast(suffix.count)) + "\"" }
            head.headerFields[.ifNoneMatch] = nil
            for validator in validators { head.headerFields.append(HTTPField(name: .ifNoneMatch, value: validator)) }
        }
        var response = try await files.handle(Request(head: head, body: request.body), context: context) { _, _ in
            throw HTTPError(.notFound)
        }
        response.headers[.contentType] = ContentTypes.contentType(forPath: relative)
        response.headers[.cacheControl] = "no-cache"
        guard isHTML, let status else { return response }
        response.headers[.acceptRanges] = nil
        if let tag = response.headers[.eTag], tag.hasSuffix("\"") {
            response.headers[.eTag] = String(tag.dropLast()) + "-\(status.id)\""
        }
        if response.status == .notModified {
            response.headers[.contentLength] = nil  // the file's length, not the page's
        } else if response.status == .ok {
            guard let page = FileManager.default.contents(atPath: output + relative) else { return await notFound(request) }
            let decorated = PageDecorator.decorate([UInt8](page), with: status)
            response.headers[.contentLength] = String(decorated.count)
            response.body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: decorated))
        }
        return response
    }

    enum Location {
        case missing
        /// The path resolves, through a symbolic link, to somewhere outside the output folder.
        case outside
        case found(realPath: String, isDirectory: Bool)
    }

    /// Resolves every symbolic link in `path` and checks that the result stays in the output
    /// folder. Only folders and regular files count as found.
    func locate(_ path: String) -> Location {
        guard let resolved = realpath(path, nil) else { return .missing }
        let real = String(cString: resolved)
        free(resolved)
        guard real == output || real.hasPrefix(output + "/") else { return .outside }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .found(realPath: real, isDirectory: true)
        case S_IFREG: return .found(realPath: real, isDirectory: false)
        default: return .missing
        }
    }

    // MARK: Other answers

    /// Every path that finds no file ends here, so a missing output folder is noticed by the
    /// first request for anything in it, at the cost of one `stat` for requests that miss.
    private func notFound(_ request: Request) async -> Response {
        if await missingOutput.check() { return await rebuilding(request) }
        let status = await state.status
        var page = Array(Self.fallbackNotFoundPage.utf8)
        if case .found(let real, false) = locate(output + "/404.html"), let data = FileManager.default.contents(atPath: real) {
            page = [UInt8](data)
        }
        let decorated = PageDecorator.decorate(page, with: status)
        let headers: HTTPFields = [
            .contentType: ContentTypes.html,
            .cacheControl: "no-cache",
            .contentLength: String(decorated.count),
        ]
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: decorated))
        return Response(status: .notFound, headers: headers, body: body)
    }

    /// The output folder is gone and being built again: a page that says so and reloads when
    /// the build is done (its live-reload script hears of the build, or, if the build ended
    /// before the script connected, finds the build it names out of date).
    private func rebuilding(_ request: Request) async -> Response {
        let page = PageDecorator.decorate(
            Array(Self.rebuildingPage.utf8), with: await state.status,
            notice: missingOutput.message)
        let headers: HTTPFields = [
            .contentType: ContentTypes.html,
            .cacheControl: "no-cache",
            .retryAfter: "1",
            .contentLength: String(page.count),
        ]
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: page))
        return Response(status: .serviceUnavailable, headers: headers, body: body)
    }

    static let rebuildingPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Rebuilding the preview</title></head>
        <body><h1>Rebuilding the preview</h1></body></html>

        """

    /// For a site whose build has not produced a 404 page (its first build failed).
    static let fallbackNotFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
        <body><h1>Not found</h1><p>There is no page at this address.</p></body></html>

        """

    private func redirect(to location: String, keeping request: Request) -> Response {
        var target = location
        if let query = request.uri.query, !query.isEmpty { target += "?" + query }
        return Response(status: .found, headers: [.location: target, .contentLength: "0", .cacheControl: "no-cache"])
    }

    static func plain(_ status: HTTPResponse.Status, headers: HTTPFields = [:], detail: String = "") -> Response {
        let text = "\(status.code) \(status.reasonPhrase)\n" + detail
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        fields[.contentLength] = String(text.utf8.count)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: Live reload

    private func tooling(_ path: String, method: HTTPRequest.Method) async -> Response {
        switch path {
        case PageDecorator.scriptPath, PageDecorator.workerPath:
            let script = path == PageDecorator.scriptPath ? PageDecorator.script : PageDecorator.workerScript
            return Response(
                status: .ok,
                headers: [
                    .contentType: ContentTypes.contentType(forPath: "livereload.js"), .cacheControl: "no-cache",
                    .contentLength: String(script.utf8.count),
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(string: script)))
        case PageDecorator.eventsPath:
            guard method == .get else {
                return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"])
            }
            return await eventStream()
        default:
            return Self.plain(.notFound)
        }
    }

    private func eventStream() async -> Response {
        let listener = await state.listen()
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                let (events, continuation) = listener
                // An open stream never ends by itself; a graceful shutdown must not wait for it.
                let delivered: Bool = await withGracefulShutdownHandler {
                    do {
                        for await chunk in events { try await writer.write(ByteBuffer(string: chunk)) }
                        return true
                    } catch {
                        return false  // the page went away
                    }
                } onGracefulShutdown: {
                    continuation.finish()
                }
                continuation.finish()
                if delivered { try await writer.finish(nil) }
            })
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}
