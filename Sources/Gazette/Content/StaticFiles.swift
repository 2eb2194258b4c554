import Foundation

/// `static/`: files published at the root of the output as they are (`ads.txt`, `CNAME`,
/// `.well-known/security.txt`, favicons, images an article links to).
///
/// They go through the same writer as pages: written only when their bytes change, removed
/// from the output when they leave `static/`. Only regular files are published; a link to a
/// regular file inside the site is followed, anything else (a link out of the site, a pipe, a
/// socket) is left out with a warning.
public enum StaticFiles {
    public static let folder = "static"

    public struct Loaded: Sendable {
        public var files: [OutputFile] = []
        public var warnings: [Diagnostic] = []
    }

    static func load(site: URL) -> Loaded {
        let root = FileSystem.join(site.path, folder)
        var loaded = Loaded()
        guard FileSystem.kind(root) == .directory else { return loaded }
        for relative in FileSystem.listFiles(root).sorted() {
            let path = FileSystem.join(folder, relative)
            switch SiteFile.open(site: site, path: path) {
            case .success(let bytes): loaded.files.append(OutputFile(path: relative, bytes: bytes))
            case .failure(let problem): loaded.warnings.append(.warning(path: path, problem.message))
            }
        }
        return loaded
    }
}
