import Foundation

/// The only part of Gazette that touches the output folder.
///
/// It writes only files whose bytes changed, removes only files that Gazette wrote there itself
/// (those its `OutputRecord` names) once they no longer belong to the site, replaces nothing it
/// did not write unless the folder was taken on with `--force`, never touches anything outside
/// the folder, and stages every new file before it replaces anything, so that a write that
/// fails half-way leaves the previous site in place.
public struct OutputWriter: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    public struct Report: Sendable, Hashable {
        public var written: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
        /// Files in the folder that are not the site's and that Gazette did not write: left as
        /// they are (dotfiles aside, which are not listed).
        public var leftAlone: [String] = []
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `files`, leaves the files at `kept` as they are (the build knows they are current),
    /// and removes the files Gazette wrote there before that are neither.
    public func write(_ files: [OutputFile], keeping kept: [String] = [], force: Bool = false) async throws -> Report {
        let session = try begin(force: force)
        var staged = await parallelMap(files) { session.stage($0) }
        return try session.commit(&staged, keeping: kept)
    }

    /// Starts a write: lists what the output folder holds now. Files can then be staged as soon as
    /// they are rendered (so that a large site need not be held in memory) and committed together.
    ///
    /// When the output folder does not exist yet, files are written under their final names in a
    /// new folder beside it, which the commit renames into place in one step.
    public func begin(force: Bool = false) throws -> Session {
        try begin(listing: nil, ownership: OutputFolder.ownership(of: directory.path, force: force), force: force)
    }

    /// `listing`: what the output folder held a moment ago, listed while other work went on.
    /// `ownership`: how the folder is Gazette's (see `OutputFolder.check`). `force`: a file
    /// Gazette did not write may be replaced by one of the site's at the same path.
    func begin(listing: Set<String>?, ownership: OutputFolder.Ownership, force: Bool) throws -> Session {
        let root = directory.path
        let pid = "\(ProcessInfo.processInfo.processIdentifier)"
        removeLeftoverStaging()
        if FileSystem.kind(root) == .missing {
            try FileManager.default.createDirectory(
                atPath: directory.deletingLastPathComponent().path,
                withIntermediateDirectories: true)
            let staging = root + Self.stagingInfix + pid
            guard mkdir(staging, 0o755) == 0 else {
                throw Failure(description: "cannot create \(staging): \(FileSystem.errorText(errno))")
            }
            // Marked as Gazette's from the start, so that a killed build's staging folder is
            // known for what it is and removed by the next build.
            try OutputRecord().save(folder: staging)
            return Session(root: staging, existing: [], stamp: pid, ownership: .new, force: force, finalRoot: root)
        }
        guard FileSystem.kind(root) == .directory else { throw Failure(description: "\(root) is not a folder") }
        return Session(
            root: root, existing: listing ?? Set(FileSystem.listFiles(root)), stamp: pid, ownership: ownership,
            force: force)
    }

    /// `public.gazette-new-<pid>`: where a build stages a new output folder before renaming it
    /// into place.
    static let stagingInfix = ".gazette-new-"
    /// `index.html.gazette-tmp-<pid>`: where a file is written before it replaces its page.
    static let tempInfix = ".gazette-tmp-"

    /// Removes the staging folders of builds that were killed before their commit: folders
    /// beside the output named for a process that is gone, holding Gazette's record.
    func removeLeftoverStaging() {
        let parent = directory.deletingLastPathComponent().path
        let prefix = directory.lastPathComponent + Self.stagingInfix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(prefix) {
            let folder = FileSystem.join(parent, name)
            guard Self.isLeftover(name, infix: Self.stagingInfix), FileSystem.kind(folder) == .directory,
                FileSystem.kind(OutputRecord.path(in: folder)) == .file
            else { continue }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Whether `name` ends with `infix` and the id of a process that no longer runs: a file or
    /// folder a killed build left.
    static func isLeftover(_ name: String, infix: String) -> Bool {
        guard let range = name.range(of: infix, options: .backwards) else { return false }
        let digits = name[range.upperBound...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let pid = Int32(digits), pid > 0 else { return false }
        if pid == ProcessInfo.processInfo.processIdentifier { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// One file after staging: unchanged on disk, or written beside its final name.
    public struct Staged: Sendable {
        public var path: String
        /// The temporary file to rename into place; nil when the file on disk already holds these
        /// bytes, or when it was written in a new output folder.
        var temp: String?
        var failure: String?
        var written = false
        /// The file's stamp at its final place: taken as it was written or compared when it was
        /// written in place, and after the rename for a temporary file (a rename changes the
        /// status-change time the stamp holds).
        var stamp: FileStamp?
    }

    public struct Session: Sendable {
        /// Where files are written: the output folder, or a new folder beside it.
        let root: String
        let existing: Set<String>
        let stamp: String
        let ownership: OutputFolder.Ownership
        /// Files Gazette did not write may be replaced by the site's (never removed).
        let force: Bool
        /// The output folder, when `root` is a new folder that the commit renames to it.
        var finalRoot: String?

        /// Whether the file at `path`, there before this build, may be replaced by one of the
        /// site's: it is one Gazette wrote, or the folder was taken on as a whole.
        func mayReplace(_ path: String) -> Bool {
            if force { return true }
            switch ownership {
            case .new, .earlierGazette, .forced: return true
            case .recorded(let record): return record.contains(path) || OutputWriter.isLeftover(path, infix: OutputWriter.tempInfix)
            case .empty: return OutputWriter.isLeftover(path, infix: OutputWriter.tempInfix)
            }
        }

        /// Whether a file that is no longer the site's may be removed: only one Gazette wrote.
        func mayRemove(_ path: String) -> Bool {
            if case .recorded(let record) = ownership, record.contains(path) { return path != OutputRecord.fileName }
            return OutputWriter.isLeftover(path, infix: OutputWriter.tempInfix)
        }

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
            if existing.contains(file.path) {
                if let same = file.withBytes({ FileSystem.stampIfContentEquals(final, $0) }) {
                    return Staged(path: file.path, stamp: same)
                }
                if !mayReplace(file.path) {
                    return Staged(
                        path: file.path,
                        failure: "\(final) was not written by Gazette, and the site has a file of its own "
                            + "there; move it away (files to publish as they are belong in static/), or build with --force")
                }
            }
            if let problem = makeFolders(for: file.path, known: &knownFolders) { return Staged(path: file.path, failure: problem) }
            var written: FileStamp?
            if finalRoot != nil {
                if let code = file.withBytes({ FileSystem.writeBytes(final, $0, stamp: &written) }) {
                    return Staged(path: file.path, failure: "cannot write \(final): \(FileSystem.errorText(code))")
                }
                return Staged(path: file.path, written: true, stamp: written)
            }
            let temp = final + OutputWriter.tempInfix + stamp
            if let code = file.withBytes({ FileSystem.writeBytes(temp, $0) }) {
                unlink(temp)
                return Staged(path: file.path, failure: "cannot write \(final): \(FileSystem.errorText(code))")
            }
            return Staged(path: file.path, temp: temp)
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
                default:
                    // A file or a link where the site needs a folder: replaced only when Gazette
                    // wrote it; a link is never followed.
                    guard mayReplace(relative) else {
                        return
                            "\(folder) was not written by Gazette, and the site needs a folder there; move it away, or build with --force"
                    }
                    unlink(folder)
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
        /// Each renamed file's stamp in `staged` is taken again once it is in place: a rename
        /// changes a file's status-change time.
        public func commit(_ staged: inout [Staged], keeping kept: [String] = [], keptWereListed: Bool = false) throws -> Report {
            if let failure = staged.first(where: { $0.failure != nil })?.failure {
                discard(staged)
                throw Failure(description: failure)
            }
            var report = Report()
            if let finalRoot {
                // A new output folder: everything goes into place at once, with its record.
                do {
                    try OutputRecord(paths: staged.map(\.path)).save(folder: root)
                } catch {
                    discard(staged)
                    throw error
                }
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
                if FileSystem.kind(final) == .directory, let problem = removeFolderInTheWay(s.path) {
                    discard(Array(staged[i...]))
                    throw Failure(description: problem)
                }
                if rename(temp, final) != 0 {
                    let message = FileSystem.errorText(errno)
                    discard(Array(staged[i...]))
                    throw Failure(description: "cannot replace \(final): \(message)")
                }
                staged[i].stamp = FileStamp(path: final)
                report.written.append(s.path)
            }
            report.written.sort()
            removeStale(staged, kept: kept, keptWereListed: keptWereListed, into: &report)
            try updateRecord(staged, kept: kept, report: report)
            return report
        }

        /// Removes the files that were there, are neither staged nor kept, and that Gazette
        /// wrote; the others (dotfiles aside) are listed as left alone.
        private func removeStale(_ staged: [Staged], kept: [String], keptWereListed: Bool, into report: inout Report) {
            // When every file that was there is wanted, there is nothing stale: found by
            // counting, without a set of every wanted path.
            let stagedPaths = Set(staged.map(\.path))
            var wantedThere = stagedPaths.reduce(0) { existing.contains($1) ? $0 + 1 : $0 }
            if keptWereListed {
                wantedThere += kept.count
            } else {
                for path in kept where existing.contains(path) { wantedThere += 1 }
            }
            // The folder's record is there too, and never stale.
            if existing.contains(OutputRecord.fileName) { wantedThere += 1 }
            guard wantedThere < existing.count else { return }
            let wanted = stagedPaths.union(kept).union([OutputRecord.fileName])
            for stale in existing.subtracting(wanted).sorted() {
                if mayRemove(stale) {
                    if unlink(root + "/" + stale) == 0 { report.removed.append(stale) }
                } else if !ContentLoader.containsHiddenComponent(stale) {
                    report.leftAlone.append(stale)
                }
            }
            if !report.removed.isEmpty { OutputWriter.removeEmptyFolders(root, isRoot: true) }
        }

        /// Brings the folder's record up to date: it names what Gazette wrote, and nothing it
        /// removed. Left as it is when this write neither wrote a file it did not name nor
        /// removed one.
        private func updateRecord(_ staged: [Staged], kept: [String], report: Report) throws {
            var paths: [String]
            switch ownership {
            case .new, .empty, .forced:
                paths = report.written
            case .earlierGazette:
                // The site's files, written now or found as they would be written.
                paths = staged.map(\.path) + kept
            case .recorded(let record):
                if report.removed.isEmpty && report.written.allSatisfy(record.contains) { return }
                let removed = Set(report.removed)
                paths = record.paths.filter { existing.contains($0) && !removed.contains($0) } + report.written
            }
            try OutputRecord(paths: paths).save(folder: root)
        }

        /// Removes a folder that stands where the site now has a file, when everything in it is
        /// Gazette's; otherwise says why not.
        private func removeFolderInTheWay(_ path: String) -> String? {
            let folder = root + "/" + path
            let inside = FileSystem.listFiles(folder).map { path + "/" + $0 }
            if let foreign = inside.first(where: { !mayRemove($0) }) {
                return
                    "\(root)/\(foreign) was not written by Gazette, and the site has a file where its folder is; move it away, or build with --force"
            }
            for file in inside { unlink(root + "/" + file) }
            OutputWriter.removeEmptyFolders(folder, isRoot: true)
            return rmdir(folder) == 0 ? nil : "cannot replace the folder \(folder): \(FileSystem.errorText(errno))"
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
        // Byte by byte, for every file staged: a part is unsafe when empty, "." or "..".
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
