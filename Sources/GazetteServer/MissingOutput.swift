import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Notices that the output folder has gone while the preview runs (deleted by hand, or by a
/// clean-up script), so that the site is built again rather than every page answering 404 until
/// the next edit.
struct MissingOutput: Sendable {
    /// The output folder's real path, as the responder serves it.
    let folder: String
    /// The same folder as the terminal and the pages name it: relative to the site folder.
    let shownAs: String
    let state: PreviewState
    /// Asks `SiteRebuilder` for a build, with the folder as its cause.
    let rebuild: AsyncStream<[String]>.Continuation
    let report: @Sendable (PreviewBuildEvent) -> Void

    var message: String {
        "The preview's folder \(shownAs)/ was deleted; rebuilding it. The page reloads when it is back."
    }

    /// True when the output folder is not there. The first request to find it so since the last
    /// build says so in the terminal and asks for one build; the others wait for that one.
    func check() async -> Bool {
        var info = stat()
        if stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return false }
        if await state.noticeOutputMissing(message) {
            report(.outputMissing(folder: shownAs))
            rebuild.yield([shownAs])
        }
        return true
    }
}
