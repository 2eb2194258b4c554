import Foundation

/// Reads one input file of a site (an article, a static file) without ever blocking on it or
/// leaving the site through it.
///
/// Only a regular file is read. A symbolic link is followed only when it leads to a regular
/// file inside the site folder: a link out of the site would publish whatever it points at. A
/// pipe, a socket or a device is refused before it is opened for reading (opening a pipe waits
/// for a writer), and the file is opened without blocking and checked again once open, so that
/// one swapped in meanwhile is refused too.
enum SiteFile {
    struct Problem: Error, Sendable {
        var message: String
    }

    /// The bytes of the file at site-relative `path`.
    static func open(site: URL, path: String) -> Result<[UInt8], Problem> {
        let full = FileSystem.join(site.path, path)
        switch FileSystem.kind(full) {
        case .file:
            break
        case .symlink:
            let target = OutputFolder.resolved(URL(fileURLWithPath: full))
            guard OutputFolder.contains(OutputFolder.resolved(site), target) else {
                return .failure(Problem(message: "is a link to \(target), outside the site; left out"))
            }
            guard FileSystem.kind(target) == .file else {
                return .failure(Problem(message: "is a link to something that is not a regular file; left out"))
            }
        case .missing:
            return .failure(Problem(message: "cannot read the file"))
        case .directory, .other:
            return .failure(Problem(message: "is not a regular file (a pipe, a socket or a device); left out"))
        }
        guard let bytes = FileSystem.readBytes(full) else {
            return .failure(Problem(message: "cannot read the file, or it is not a regular file"))
        }
        return .success(bytes)
    }
}
