import CGazetteSystem
import Foundation

/// Publishes to a folder: the web root of a server on this machine, or one on a mounted share.
///
/// The new site is copied whole into a sibling folder, then swapped in by renames, so a reader
/// sees either the old site or the new one and never a mix; a copy that fails leaves the old
/// folder as it was. Only the target and the siblings created here are ever touched.
public struct FolderDeployer: Deployer {
    public var target: PublishTarget
    public var folder: URL
    /// Folders that must never be replaced or held by the target (the site itself).
    public var protected: [URL]

    /// Marks a folder as one Gazette published, so that it can be replaced next time; a folder
    /// without it that holds anything is refused rather than wiped.
    public static let marker = ".gazette-published"

    public init(target: PublishTarget, folder: URL, protected: [URL] = []) {
        self.target = target
        self.folder = folder.standardizedFileURL
        self.protected = protected
    }

    public func plan(_ source: PublishSource) async throws -> PublishChanges {
        try check(source)
        return try compare(source)
    }

    public func publish(_ source: PublishSource) async throws -> PublishChanges {
        try check(source)
        removeLeftovers()
        let changes = try compare(source)
        let fm = FileManager.default
        let staging = sibling(Self.newInfix)

        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            // Marked first, so that a publish killed while copying leaves a folder the next
            // one recognises as its own and removes.
            guard
                fm.createFile(
                    atPath: staging + "/" + Self.marker,
                    contents: Data("Published by Gazette; this folder is replaced whole on each publish.\n".utf8))
            else {
                throw PublishError(.failed, "cannot write to \(staging)")
            }
            for file in source.files {
                let destination = staging + "/" + file.path
                try fm.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fm.copyItem(atPath: source.url(of: file.path).path, toPath: destination)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw PublishError(
                .failed, "copying the site next to \(folder.path) failed (\(Self.reason(error))); the folder was left as it was")
        }

        guard fm.fileExists(atPath: folder.path) else {
            if rename(staging, folder.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: staging)
                throw PublishError(.failed, "cannot move the new site into \(folder.path) (\(reason)); nothing was changed")
            }
            return changes
        }
        // One atomic step: readers see the old site or the new one, and a kill at any moment
        // leaves one of them in place. The old site ends up at the staging name.
        if gazette_exchange_paths(staging, folder.path) == 0 {
            try? fm.removeItem(atPath: staging)
            return changes
        }
        let code = errno
        guard code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP else {
            try? fm.removeItem(atPath: staging)
            throw PublishError(
                .failed, "cannot swap the new site into \(folder.path) (\(String(cString: strerror(code)))); it was left as it was")
        }
        // A file system that cannot exchange two names: two renames, with a moment between
        // them at which the folder is missing.
        let backup = sibling(Self.oldInfix)
        if rename(folder.path, backup) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: staging)
            throw PublishError(.failed, "cannot move \(folder.path) aside (\(reason)); it was left as it was")
        }
        if rename(staging, folder.path) != 0 {
            let reason = String(cString: strerror(errno))
            _ = rename(backup, folder.path)
            try? fm.removeItem(atPath: staging)
            throw PublishError(.failed, "cannot move the new site into \(folder.path) (\(reason)); the previous site was put back")
        }
        try? fm.removeItem(atPath: backup)
        return changes
    }

    static let newInfix = ".gazette-new-"
    static let oldInfix = ".gazette-old-"

    /// `.<name>.gazette-new-<pid>` beside the target: hidden, named for this process.
    func sibling(_ infix: String) -> String {
        folder.deletingLastPathComponent().path + "/." + folder.lastPathComponent + infix + "\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Removes what publishes that were killed left beside the target: copies of the site,
    /// new or old, named for a process that is gone and marked as Gazette's. An old copy left
    /// beside a web root would keep retracted articles reachable.
    func removeLeftovers() {
        let parent = folder.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix("." + folder.lastPathComponent + ".gazette-") {
            let path = parent + "/" + name
            guard OutputWriter.isLeftover(name, infix: Self.newInfix) || OutputWriter.isLeftover(name, infix: Self.oldInfix),
                FileSystem.kind(path) == .directory, FileSystem.kind(path + "/" + Self.marker) == .file
            else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Everything that would make the swap unsafe, checked before anything is written.
    func check(_ source: PublishSource) throws(PublishError) {
        let fm = FileManager.default
        let target = Self.resolved(folder)
        let output = Self.resolved(source.directory)
        if Self.contains(target, output) || Self.contains(output, target) {
            throw PublishError(.invalidTarget, "the target \(folder.path) must not be the output folder, nor hold it or sit inside it")
        }
        try Self.checkOutsideSite(target, written: folder.path, protected: protected)
        let parent = folder.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublishError(.unreachable, "cannot reach \(parent): no such folder (is the share mounted?); nothing was changed")
        }
        guard fm.isWritableFile(atPath: parent) else {
            throw PublishError(.unreachable, "cannot write to \(parent); nothing was changed")
        }
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PublishError(.invalidTarget, "\(folder.path) is a file, not a folder; nothing was changed")
            }
            let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            if !names.isEmpty && !names.contains(Self.marker) {
                throw PublishError(
                    .invalidTarget,
                    "\(folder.path) holds files that Gazette did not publish, and publishing replaces the whole folder; empty it or choose another folder. Nothing was changed."
                )
            }
        }
    }

    /// A target must not hold a protected folder (the site, its output), nor sit inside one of
    /// the site's own folders (`content/`, `Templates/`, `static/`, `.gazette/`), where the copy
    /// of the site would become part of the site.
    static func checkOutsideSite(_ target: String, written: String, protected: [URL]) throws(PublishError) {
        for guarded in protected {
            let root = resolved(guarded)
            if contains(target, root) {
                throw PublishError(
                    .invalidTarget, "the target \(written) holds the site folder \(guarded.path); choose a folder of its own")
            }
            for inner in OutputFolder.siteFolders where contains(root + "/" + inner, target) {
                throw PublishError(
                    .invalidTarget,
                    "the target \(written) is inside the site's \(inner)/ folder; choose a folder outside the site's own folders")
            }
        }
    }

    func compare(_ source: PublishSource) throws(PublishError) -> PublishChanges {
        let existing = Set(OutputWriter.listFiles(folder.path)).subtracting([Self.marker])
        var uploads: [PublishChanges.Upload] = []
        var unchanged = 0
        for file in source.files {
            let theirs = folder.path + "/" + file.path
            if existing.contains(file.path) {
                if Self.sameContent(source.url(of: file.path).path, theirs) { unchanged += 1; continue }
                uploads.append(.init(path: file.path, size: file.size, isNew: false))
            } else {
                uploads.append(.init(path: file.path, size: file.size, isNew: true))
            }
        }
        let wanted = Set(source.files.map(\.path))
        return PublishChanges(uploads: uploads, deletions: existing.subtracting(wanted).sorted(), unchanged: unchanged)
    }

    static func sameContent(_ a: String, _ b: String) -> Bool {
        let fm = FileManager.default
        let typeA = (try? fm.attributesOfItem(atPath: a))?[.type] as? FileAttributeType
        let typeB = (try? fm.attributesOfItem(atPath: b))?[.type] as? FileAttributeType
        guard typeA == typeB else { return false }
        if typeA == .typeSymbolicLink {
            return (try? fm.destinationOfSymbolicLink(atPath: a)) == (try? fm.destinationOfSymbolicLink(atPath: b))
        }
        guard let x = fm.contents(atPath: a), let y = fm.contents(atPath: b) else { return false }
        return x == y
    }

    static func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// True when `outer` is `inner` or one of its ancestors.
    static func contains(_ outer: String, _ inner: String) -> Bool {
        outer == inner || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    static func reason(_ error: any Error) -> String {
        (error as? PublishError)?.message ?? (error as NSError).localizedDescription
    }
}
