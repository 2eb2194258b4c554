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
        let session = try begin()
        let staged = await parallelMap(files) { session.stage($0) }
        return try session.commit(staged, keeping: kept)
    }

    /// Starts a write: lists what the output folder holds now. Files can then be staged as soon as
    /// they are rendered (so that a large site need not be held in memory) and committed together.
    ///
    /// When the output folder does not exist yet, files are written under their final names in a
    /// new folder beside it, which the commit renames into place in one step.
    public func begin() throws -> Session {
        try begin(listing: nil)
    }

    /// `listing`: what the output folder held a moment ago, listed while other work went on.
    func begin(listing: Set<String>?) throws -> Session {
        let root = directory.path
        let pid = "\(ProcessInfo.processInfo.processIdentifier)"
        if FileSystem.kind(root) == .missing {
            try FileManager.default.createDirectory(atPath: directory.deletingLastPathComponent().path,
                                                    withIntermediateDirectories: true)
            let staging = root + ".gazette-new-" + pid
            try? FileManager.default.removeItem(atPath: staging)
            guard mkdir(staging, 0o755) == 0 else {
                throw Failure(description: "cannot create \(staging): \(FileSystem.errorText(errno))")
            }
            return Session(root: staging, existing: [], stamp: pid, finalRoot: root)
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return Session(root: root, existing: listing ?? Set(FileSystem.listFiles(root)), stamp: pid)
    }

    /// One file after staging: unchanged on disk, or written beside its final name.
    public struct Staged: Sendable {
        public var path: String
        /// The temporary file to rename into place; nil when the file on disk already holds these
        /// bytes, or when it was written in a new output folder.
        var temp: String?
        var failure: String?
        var written = false
        /// The file's stamp at its final place once committed (a rename keeps it), taken as it
        /// was written or compared, when it was.
        var stamp: FileStamp?
    }

    public struct Session: Sendable {
        /// Where files are written: the output folder, or a new folder beside it.
        let root: String
        let existing: Set<String>
        let stamp: String
        /// The output folder, when `root` is a new folder that the commit renames to it.
        var finalRoot: String?

        /// Compares `file` with what is on disk and, if it differs, writes it to a temporary name
        /// beside its place. Nothing that a reader of the site sees changes yet.
        public func stage(_ file: OutputFile) -> Staged {
            var folders = Set<String>()
            return stage(file, knownFolders: &folders)
        }

        /// `knownFolders` remembers the folders this caller has made or checked already, so that
        /// a run of pages in one folder does not look at each of its parents again.
        public func stage(_ file: OutputFile, knownFolders: inout Set<String>) -> Staged {
            guard OutputWriter.isSafe(file.path) else {
                return Staged(path: file.path, failure: "refusing to write outside the output folder: \(file.path)")
            }
            let final = FileSystem.join(root, file.path)
            if existing.contains(file.path), let same = file.withBytes({ FileSystem.stampIfContentEquals(final, $0) }) {
                return Staged(path: file.path, stamp: same)
            }
            if let problem = makeFolders(for: file.path, known: &knownFolders) { return Staged(path: file.path, failure: problem) }
            var written: FileStamp?
            if finalRoot != nil {
                if let code = file.withBytes({ FileSystem.writeBytes(final, $0, stamp: &written) }) {
                    return Staged(path: file.path, failure: "cannot write \(final): \(FileSystem.errorText(code))")
                }
                return Staged(path: file.path, written: true, stamp: written)
            }
            let temp = final + ".gazette-tmp-" + stamp
            if let code = file.withBytes({ FileSystem.writeBytes(temp, $0, stamp: &written) }) {
                unlink(temp)
                return Staged(path: file.path, failure: "cannot write \(final): \(FileSystem.errorText(code))")
            }
            return Staged(path: file.path, temp: temp, stamp: written)
        }

        /// Creates the folders above `path`. A file or a link in the way of a folder is replaced,
        /// never followed. Safe to run from several threads at once.
        func makeFolders(for path: String, known: inout Set<String>) -> String? {
            let utf8 = path.utf8
            guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
            if known.contains(String(path[..<slash])) { return nil }
            var end = utf8.startIndex
            while end < slash {
                end = utf8[utf8.index(after: end)...].firstIndex(of: UInt8(ascii: "/")) ?? slash
                let relative = String(path[..<end])
                if known.contains(relative) { continue }
                let folder = root + "/" + relative
                if finalRoot != nil {
                    // A new output folder holds only what this build made: no need to look first,
                    // and what is there already is a folder another thread made.
                    if mkdir(folder, 0o755) != 0 {
                        let code = errno
                        if code != EEXIST { return "cannot create \(folder): \(FileSystem.errorText(code))" }
                    }
                    known.insert(relative)
                    continue
                }
                switch FileSystem.kind(folder) {
                case .directory: known.insert(relative); continue
                case .missing: break
                default: unlink(folder)
                }
                if let problem = Self.makeFolder(folder) { return problem }
                known.insert(relative)
            }
            return nil
        }

        /// Makes one folder; one that is there already (made by another thread) will do.
        static func makeFolder(_ folder: String) -> String? {
            guard mkdir(folder, 0o755) != 0 else { return nil }
            let code = errno
            return FileSystem.kind(folder) == .directory ? nil : "cannot create \(folder): \(FileSystem.errorText(code))"
        }

        /// Swaps every staged file into place by rename (atomic per file), then removes files that
        /// no longer belong to the site. On a staging failure nothing is swapped in.
        /// `kept`: files left as they are, each named once and none of them staged;
        /// `keptWereListed`: each of them was in the listing the session began with.
        public func commit(_ staged: [Staged], keeping kept: [String] = [], keptWereListed: Bool = false) throws -> Report {
            if let failure = staged.first(where: { $0.failure != nil })?.failure {
                discard(staged)
                throw Failure(description: failure)
            }
            var report = Report()
            if let finalRoot {
                // A new output folder: everything goes into place at once.
                guard rename(root, finalRoot) == 0 else {
                    let message = FileSystem.errorText(errno)
                    discard(staged)
                    throw Failure(description: "cannot create \(finalRoot): \(message)")
                }
                report.written = staged.map(\.path).sorted()
                report.unchanged = kept.count
                return report
            }
            report.unchanged = staged.filter { $0.temp == nil && !$0.written }.count + kept.count
            for (i, s) in staged.enumerated() {
                guard let temp = s.temp else { continue }
                let final = root + "/" + s.path
                if FileSystem.kind(final) == .directory { try? FileManager.default.removeItem(atPath: final) }
                if rename(temp, final) != 0 {
                    let message = FileSystem.errorText(errno)
                    discard(Array(staged[i...]))
                    throw Failure(description: "cannot replace \(final): \(message)")
                }
                report.written.append(s.path)
            }
            report.written.sort()
            // Stale: files that were there and are neither staged nor kept. When every file that
            // was there is one of those, there is none, found without a set of every wanted path
            // (twelve thousand hashed and inserted, on a one-page rebuild).
            let stagedPaths = Set(staged.map(\.path))
            var wantedThere = stagedPaths.reduce(0) { existing.contains($1) ? $0 + 1 : $0 }
            if keptWereListed {
                wantedThere += kept.count
            } else {
                for path in kept where existing.contains(path) { wantedThere += 1 }
            }
            guard wantedThere < existing.count else { return report }
            let wanted = stagedPaths.union(kept)
            for stale in existing.subtracting(wanted).sorted() where !OutputWriter.isPreserved(stale) {
                if unlink(root + "/" + stale) == 0 { report.removed.append(stale) }
            }
            if !report.removed.isEmpty { OutputWriter.removeEmptyFolders(root, isRoot: true) }
            return report
        }

        /// Removes staged temporary files: the output stays as it was.
        public func discard(_ staged: [Staged]) {
            if finalRoot != nil {
                try? FileManager.default.removeItem(atPath: root)
                return
            }
            for s in staged { if let temp = s.temp { unlink(temp) } }
        }
    }

    static func isSafe(_ path: String) -> Bool {
        // Byte by byte: splitting each page's path into substrings to compare cost about as
        // much as staging the page. A part is unsafe when empty, "." or "..".
        guard let first = path.utf8.first, first != UInt8(ascii: "/") else { return false }
        var length = 0
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (dots == length && length <= 2) { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(length == 0 || (dots == length && length <= 2))
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
