import Foundation

/// Whether a folder may receive a build, and on what terms: decided before anything is read or
/// written, so that a build pointed at the wrong folder stops with nothing touched.
///
/// The guarantee: a build removes only files that Gazette wrote into the folder itself (those
/// its `OutputRecord` lists), and builds into a folder that holds anything else only when told
/// to with `--force`. Folders whose contents belong to the site or to the user (the site itself,
/// its `content/`, `Templates/`, `static/` and `.gazette/`, the home folder, `/`) are refused
/// outright.
public enum OutputFolder {
    /// How the folder came to be Gazette's, which decides what the commit may remove and what
    /// the record lists afterwards.
    enum Ownership: Sendable {
        /// The folder does not exist: the build creates it, and owns everything in it.
        case new
        /// Gazette's: its record lists the files Gazette wrote.
        case recorded(OutputRecord)
        /// The folder exists but holds only dot entries (`.git` of a gh-pages worktree,
        /// `.gitkeep`): taken on as empty.
        case empty
        /// The output of a Gazette that kept no record: the files the site has now are taken
        /// on as Gazette's; anything else is left alone.
        case earlierGazette
        /// Someone else's folder, built into because `--force` said so: Gazette owns only what
        /// it writes, and removes nothing that was there before.
        case forced
    }

    /// The folder `gazette serve` previews into: Gazette's own, inside `.gazette/`.
    public static func preview(site: URL) -> URL {
        site.appendingPathComponent(".gazette/preview", isDirectory: true)
    }

    /// Folders of the site that hold its inputs or Gazette's own state.
    static let siteFolders = [ContentLoader.contentFolder, Theme.folder, StaticFiles.folder, ".gazette", ".git"]

    /// Checks `output` for a build of the site in `site`; `force` allows a folder that holds
    /// files Gazette did not write.
    static func check(output: URL, site: URL, force: Bool) throws(BuildFailure) -> Ownership {
        func refuse(_ message: String) -> BuildFailure {
            BuildFailure([Diagnostic(path: output.path, message: message)])
        }
        let target = resolved(output)
        let siteRoot = resolved(site)
        if target == "/" { throw refuse("refusing to build into '/': choose a folder of its own, such as public/") }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, target == resolved(URL(fileURLWithPath: home)) {
            throw refuse("refusing to build into the home folder: choose a folder of its own, such as public/")
        }
        if contains(target, siteRoot) {
            throw refuse("the output folder must not be the site folder or contain it")
        }
        let preview = resolved(preview(site: site))
        for folder in siteFolders where target != preview {
            if contains(resolved(site.appendingPathComponent(folder)), target) {
                throw refuse("the output folder must not be inside the site's \(folder)/ folder, whose files it would mix with the build's")
            }
        }
        do {
            return try ownership(of: target, force: force)
        } catch {
            throw refuse(error.description)
        }
    }

    /// Whose the folder at `path` is, from what it holds; throws when it holds files Gazette did
    /// not write and `force` is off, or when it looks like a site.
    static func ownership(of path: String, force: Bool) throws(OutputWriter.Failure) -> Ownership {
        switch FileSystem.kind(path) {
        case .missing: return .new
        case .directory: break
        default: throw OutputWriter.Failure(description: "the output folder is not a folder")
        }
        if let record = OutputRecord.load(folder: path) { return .recorded(record) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        for marker in [SiteConfig.fileName, ContentLoader.contentFolder] where names.contains(marker) {
            throw OutputWriter.Failure(description: "the output folder holds '\(marker)'; it looks like a site, not a build output")
        }
        let visible = names.filter { !$0.hasPrefix(".") }
        if visible.isEmpty { return .empty }
        if isEarlierGazetteOutput(path) { return .earlierGazette }
        if force { return .forced }
        let shown = visible.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (visible.count > 3 ? ", …" : "")
        throw OutputWriter.Failure(
            description: "the output folder holds files that Gazette did not write (\(shown)); "
                + "choose a new or empty folder, or add --force to build into it anyway (Gazette never removes a file it did not write)")
    }

    /// A folder that an earlier Gazette built, before it kept a record: its home page says so.
    static func isEarlierGazetteOutput(_ folder: String) -> Bool {
        guard FileSystem.kind(FileSystem.join(folder, "index.html")) == .file,
            let page = FileSystem.readBytes(FileSystem.join(folder, "index.html"))
        else { return false }
        return String(decoding: page.prefix(4096), as: UTF8.self).contains("<meta name=\"generator\" content=\"Gazette")
    }

    /// `url` with `.`, `..` and symbolic links resolved, without a trailing slash.
    static func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// True when `outer` is `inner` or one of its ancestors.
    static func contains(_ outer: String, _ inner: String) -> Bool {
        outer == inner || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }
}
