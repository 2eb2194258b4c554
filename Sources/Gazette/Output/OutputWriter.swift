import Foundation

/// The only part of Gazette that touches the output folder.
///
/// It writes only files whose bytes changed, removes files that no longer belong to the site,
/// never touches anything outside the folder, and stages every new file before it replaces
/// anything, so that a write that fails half-way leaves the previous site in place.
public struct OutputWriter: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    public struct Report: Sendable, Hashable {
        public var written: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Entries Gazette leaves alone: dotfiles and dot-folders a host or a person put there
    /// (`.git`, `.gitkeep`, …).
    static func isPreserved(_ relativePath: String) -> Bool {
        relativePath.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// Writes `files`, leaves the files at `kept` as they are (the build knows they are current),
    /// and removes everything else that Gazette put there before.
    public func write(_ files: [OutputFile], keeping kept: [String] = []) async throws -> Report {
        let root = directory.path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for file in files where !Self.isSafe(file.path) {
            throw Failure(description: "refusing to write outside the output folder: \(file.path)")
        }
        let existing = Set(FileSystem.listFiles(root))

        // Which files changed: compare bytes with what is there, on all cores.
        let changedFlags = await parallelMap(files) { file in
            !(existing.contains(file.path) && FileSystem.contentEquals(root + "/" + file.path, file.bytes))
        }
        let changed = zip(files, changedFlags).filter(\.1).map(\.0)

        // Folders first, serially: a file or a link in the way of a folder is replaced, never followed.
        var folders = Set<String>()
        for file in changed {
            var path = file.path
            while let slash = path.lastIndex(of: "/") {
                path = String(path[..<slash])
                if !folders.insert(path).inserted { break }
            }
        }
        for folder in folders.sorted() {
            let full = root + "/" + folder
            switch FileSystem.kind(full) {
            case .directory: continue
            case .missing: break
            default: try FileManager.default.removeItem(atPath: full)
            }
            if mkdir(full, 0o755) != 0 && FileSystem.kind(full) != .directory {
                throw Failure(description: "cannot create \(full): \(FileSystem.errorText(errno))")
            }
        }

        // Stage every changed file beside its final name, then swap each in by rename (atomic).
        let stamp = "\(ProcessInfo.processInfo.processIdentifier)"
        let staged = await parallelMap(changed) { file -> (temp: String, failure: String?) in
            let final = root + "/" + file.path
            let temp = final + ".gazette-tmp-" + stamp
            if let code = FileSystem.writeBytes(temp, file.bytes) {
                return (temp, "cannot write \(final): \(FileSystem.errorText(code))")
            }
            return (temp, nil)
        }
        if let failure = staged.first(where: { $0.failure != nil })?.failure {
            for s in staged { unlink(s.temp) }
            throw Failure(description: failure)
        }
        var report = Report()
        report.unchanged = files.count - changed.count + kept.count
        for (file, s) in zip(changed, staged) {
            let final = root + "/" + file.path
            if FileSystem.kind(final) == .directory { try? FileManager.default.removeItem(atPath: final) }
            if rename(s.temp, final) != 0 {
                let message = FileSystem.errorText(errno)
                for t in staged { unlink(t.temp) }
                throw Failure(description: "cannot replace \(final): \(message)")
            }
            report.written.append(file.path)
        }
        let wanted = Set(files.map(\.path)).union(kept)
        for stale in existing.subtracting(wanted).sorted() where !Self.isPreserved(stale) {
            if unlink(root + "/" + stale) == 0 { report.removed.append(stale) }
        }
        if !report.removed.isEmpty { Self.removeEmptyFolders(root, isRoot: true) }
        return report
    }

    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false)
            .contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Every file below `root`, relative to it, sorted. Symbolic links are listed, never followed.
    public static func listFiles(_ root: String) -> [String] {
        FileSystem.listFiles(root).sorted()
    }

    @discardableResult
    static func removeEmptyFolders(_ dir: String, isRoot: Bool) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return false }
        var empty = true
        for name in names {
            let full = dir + "/" + name
            if !name.hasPrefix("."), FileSystem.kind(full) == .directory, removeEmptyFolders(full, isRoot: false) { continue }
            empty = false
        }
        if empty && !isRoot { rmdir(dir) }
        return empty && !isRoot
    }
}
