import Foundation
import Hummingbird
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Hands the output folder's files to Hummingbird's `FileMiddleware`.
///
/// Hummingbird's own provider gives modification times in whole seconds, and its ETag is made of
/// the time and the size; a build that rewrites a page within the same second at the same
/// length would then keep its ETag and browsers would show the old page. This one keeps the
/// nanoseconds. Paths reach it already checked and resolved by `PreviewResponder`.
struct SiteFileProvider: FileProvider {
    struct FileAttributes: FileMiddlewareFileAttributes, Sendable {
        var isFolder: Bool
        var size: Int
        var modificationDate: Date
    }

    typealias FileIdentifier = String

    /// The output folder's real path, without a trailing slash.
    let root: String
    private let files: LocalFileSystem

    init(root: String, logger: Logger) {
        self.root = root
        var quiet = logger
        quiet.logLevel = .warning
        self.files = LocalFileSystem(rootFolder: root, threadPool: .singleton, logger: quiet)
    }

    func getFileIdentifier(_ path: String) -> String? {
        path.hasPrefix("/") ? root + path : root + "/" + path
    }

    func getAttributes(id: String) async throws -> FileAttributes? {
        Self.attributes(of: id)
    }

    static func attributes(of path: String) -> FileAttributes? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let seconds = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000
        return FileAttributes(
            isFolder: (info.st_mode & S_IFMT) == S_IFDIR, size: Int(info.st_size),
            modificationDate: Date(timeIntervalSince1970: seconds))
    }

    func loadFile(id: String, context: some RequestContext) async throws -> ResponseBody {
        try await files.loadFile(id: id, context: context)
    }

    func loadFile(id: String, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        try await files.loadFile(id: id, range: range, context: context)
    }
}
