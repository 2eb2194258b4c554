import Foundation

/// What each folder of the output held when a build last listed it, with the folder's stamp:
/// `.gazette/cache/output-folders`.
///
/// A folder's time changes whenever an entry is added to it, removed from it or renamed in it,
/// so a folder whose stamp is still the recorded one holds the recorded names. The next listing
/// takes those names from here and stamps each file by its path, instead of opening and reading
/// the folder: listing every folder of a large output (open, read, read again to find the end,
/// close) would be the largest part of a one-article rebuild.
///
/// Only settled stamps are trusted (`FileStamp.isSettled`): a folder changed just before the
/// listing could change again within the same tick of the file system's clock and keep its
/// stamp. A record of any age is safe to use: whatever changed a folder since it was recorded
/// changed its stamp too.
///
/// The folders are kept as a tree, each with the positions of its sub-folders' records, so that
/// the listing follows it without hashing a path per folder.
struct FolderRecord: Sendable, Equatable {
    static let fileName = "output-folders"
    static let magic: [UInt8] = Array("GZTFOLDR".utf8)
    static let formatVersion = 3

    struct Folder: Sendable, Equatable {
        var stamp: FileStamp
        /// The stamp had settled when it was taken: a folder with this stamp holds these names.
        /// An unsettled folder is read again next time; it is recorded for the sake of the
        /// folders below it.
        var settled: Bool
        /// Names of the entries that are not folders (files, links, anything else).
        var files: [String]
        /// The sub-folders, each with the position of its record.
        var folders: [Entry]
    }

    struct Entry: Sendable, Equatable {
        var name: String
        var index: Int
    }

    /// The output folder the record is of, as a build names it.
    var output: String
    /// The output folder's record first, then each folder's after its parent's (depth first):
    /// every entry's index is past its folder's own.
    var folders: [Folder] = []

    // MARK: Reading and writing

    static func path(site: URL) -> String {
        site.appendingPathComponent(BuildCache.folder).appendingPathComponent(fileName).path
    }

    /// The record of `output` kept in `site`, or nil when there is none, it is of another
    /// folder, or it cannot be read: the listing then reads every folder, as without one.
    static func load(site: URL, output: String) -> FolderRecord? {
        guard let bytes = FileSystem.readBytes(path(site: site)) else { return nil }
        return decode(bytes, output: output)
    }

    static func decode(_ bytes: [UInt8], output: String) -> FolderRecord? {
        guard case .success(var reader) = SealedFile.open(bytes, magic: magic) else { return nil }
        do {
            guard try reader.int() == formatVersion, try reader.stringEquals(output) else { return nil }
            var record = FolderRecord(output: output)
            let count = try reader.int()
            // Every folder takes at least a byte for each of its five numbers.
            guard count >= 0, count <= reader.end - reader.offset else { return nil }
            record.folders.reserveCapacity(count)
            for position in 0..<count {
                let stamp = try BuildCache.readStamp(&reader)
                let settled = try reader.bool()
                let fileCount = try reader.int()
                guard fileCount >= 0, fileCount <= reader.end - reader.offset else { return nil }
                var files: [String] = []
                files.reserveCapacity(fileCount)
                for _ in 0..<fileCount { files.append(try reader.string()) }
                let folderCount = try reader.int()
                guard folderCount >= 0, folderCount <= reader.end - reader.offset else { return nil }
                var folders: [Entry] = []
                folders.reserveCapacity(folderCount)
                for _ in 0..<folderCount {
                    let name = try reader.string()
                    let index = try reader.int()
                    // Past its folder and within the record: following entries always ends.
                    guard index > position, index < count else { return nil }
                    folders.append(Entry(name: name, index: index))
                }
                record.folders.append(Folder(stamp: stamp, settled: settled, files: files, folders: folders))
            }
            return reader.atEnd ? record : nil
        } catch {
            return nil
        }
    }

    func encode() -> [UInt8] {
        var w = SealedFile.writer(magic: Self.magic)
        w.int(Self.formatVersion)
        w.string(output)
        w.int(folders.count)
        for folder in folders {
            BuildCache.writeStamp(folder.stamp, &w)
            w.bool(folder.settled)
            w.int(folder.files.count)
            for name in folder.files { w.string(name) }
            w.int(folder.folders.count)
            for entry in folder.folders {
                w.string(entry.name)
                w.int(entry.index)
            }
        }
        SealedFile.seal(&w.bytes, magic: Self.magic)
        return w.bytes
    }

    /// Writes the record atomically (a temporary file, then a rename). A record that cannot be
    /// written is removed: the next listing opens every folder, slower but never wrong.
    func save(site: URL) {
        _ = try? FileManager.default.createDirectory(
            at: site.appendingPathComponent(BuildCache.folder),
            withIntermediateDirectories: true)
        if FileSystem.writeAtomically(Self.path(site: site), encode()) != nil {
            Self.remove(site: site)
        }
    }

    static func remove(site: URL) {
        unlink(path(site: site))
    }
}

extension FileSystem {
    /// What `listFilesWithStamps(root)` returns, reading only the output folder itself and the
    /// folders whose stamps differ from `record`'s: the names in the others are the recorded
    /// ones, and their files are stamped by path. Also returns the record of this listing
    /// (stamps settled at `now`, the moment the listing started, are trusted next time), and
    /// whether it differs from `record`. The output folder's sub-folders (a year's articles,
    /// the categories) are listed on every core.
    static func listFilesWithStamps(_ root: String, record: FolderRecord?, now: Date) async
        -> (files: [(path: String, stamp: FileStamp?)], record: FolderRecord, changed: Bool)
    {
        let old = record?.folders ?? []
        let clock = FileStamp.Clock(now.timeIntervalSince1970)
        // The output folder itself is always read: it is one folder, and a build may replace it.
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var st = stat()
        guard fd >= 0 else { return ([], FolderRecord(output: root), record != FolderRecord(output: root)) }
        guard fstat(fd, &st) == 0, let stamp = FileStamp(st, allowingFolder: true) else {
            close(fd)
            return ([], FolderRecord(output: root), record != FolderRecord(output: root))
        }
        defer { close(fd) }
        var top = FolderLister(old: old, clock: clock)
        var rootRecord = FolderRecord.Folder(stamp: stamp, settled: stamp.isSettled(at: clock), files: [], folders: [])
        let recorded = old.isEmpty ? [] : old[0].folders
        var subfolders: [(name: String, previous: Int?)] = []
        let read = FileSystem.readFolder(dup(fd), stamping: true) { _, name, isDirectory, fileStamp in
            if isDirectory {
                subfolders.append((name, recorded.first { $0.name == name }?.index))
            } else {
                rootRecord.files.append(name)
                top.out.append((name, fileStamp))
            }
        }
        if !read { rootRecord.settled = false }
        let parts = await parallelMap(subfolders, chunkSize: 1) { sub in
            var lister = FolderLister(old: old, clock: clock)
            let position = lister.visit(fd, sub.name, sub.name, previous: sub.previous)
            return (made: lister.made, out: lister.out, position: position)
        }
        // Each part's records after the root's, in the order they were listed (the order a
        // listing of one thread gives), their positions shifted by where they land.
        var made = [rootRecord]
        made.reserveCapacity(old.count + 16)
        var out = top.out
        for (sub, part) in zip(subfolders, parts) {
            guard let position = part.position else { continue }
            let offset = made.count
            for var folder in part.made {
                for k in folder.folders.indices { folder.folders[k].index += offset }
                made.append(folder)
            }
            made[0].folders.append(FolderRecord.Entry(name: sub.name, index: offset + position))
            out += part.out
        }
        let result = FolderRecord(output: root, folders: made)
        return (out, result, result != record)
    }
}

/// One thread's listing of folders below the output folder, and the records it makes.
private struct FolderLister {
    /// The last listing's records.
    let old: [FolderRecord.Folder]
    let clock: FileStamp.Clock
    var made: [FolderRecord.Folder] = []
    var out: [(path: String, stamp: FileStamp?)] = []

    init(old: [FolderRecord.Folder], clock: FileStamp.Clock) {
        self.old = old
        self.clock = clock
    }

    func joined(_ rel: String, _ name: String) -> String { rel.isEmpty ? name : FileSystem.join(rel, name) }

    /// Stamps the file `name` of the folder `folder` of `base` ("": `base` itself).
    mutating func stampFile(_ base: Int32, _ folder: String, _ name: String, _ rel: String) {
        out.append((rel, FileSystem.statEntry(at: base, folder, name).flatMap { FileStamp($0, allowingFolder: false) }))
    }

    /// Reads the folder open as `fd` (and closes it), whose stat is `st`: `rel` is its path
    /// below the root, `previous` the position of its old record. Returns its new one's.
    mutating func list(_ fd: Int32, _ st: stat, _ rel: String, previous: Int?) -> Int? {
        guard let stamp = FileStamp(st, allowingFolder: true) else {
            close(fd)
            return nil
        }
        let position = made.count
        made.append(FolderRecord.Folder(stamp: stamp, settled: stamp.isSettled(at: clock), files: [], folders: []))
        // The old records of its sub-folders, by name: a folder read again because one
        // entry changed keeps the records below it.
        let recorded = previous.map { old[$0].folders } ?? []
        let byName = recorded.count > 8 ? Dictionary(recorded.map { ($0.name, $0.index) }, uniquingKeysWith: { a, _ in a }) : [:]
        func previousIndex(_ name: String) -> Int? {
            recorded.count > 8 ? byName[name] : recorded.first { $0.name == name }?.index
        }
        var files: [String] = []
        var folders: [FolderRecord.Entry] = []
        let read = FileSystem.readFolder(fd, stamping: true) { parent, name, isDirectory, fileStamp in
            guard isDirectory else {
                files.append(name)
                out.append((joined(rel, name), fileStamp))
                return
            }
            if let index = visit(parent, name, joined(rel, name), previous: previousIndex(name)) {
                folders.append(FolderRecord.Entry(name: name, index: index))
            }
        }
        made[position].files = files
        made[position].folders = folders
        // Unread, it holds no names to trust: read again next time.
        if !read { made[position].settled = false }
        return position
    }

    /// Opens the folder `sub` of the open folder `base`, and stats it (before its names are
    /// read: a change after the stamp changes it again). O_NOFOLLOW: a folder swapped for a
    /// link since it was listed is not followed.
    func openFolder(_ base: Int32, _ sub: String) -> (fd: Int32, stat: stat)? {
        let fd = openat(base, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            return nil
        }
        return (fd, st)
    }

    /// The folder `sub` of the open folder `base` (`rel` below the root): as recorded at
    /// `previous` when its stamp has settled there and is still the same, otherwise read.
    /// Returns the position of its new record.
    mutating func visit(_ base: Int32, _ sub: String, _ rel: String, previous: Int?) -> Int? {
        guard let previous, previous < old.count, old[previous].settled else {
            guard let (fd, st) = openFolder(base, sub) else { return nil }
            return list(fd, st, rel, previous: previous)
        }
        let recorded = old[previous]
        // A folder without folders (an article's) is not opened: its stamp and its files'
        // are taken by path from `base`.
        if recorded.folders.isEmpty {
            guard let st = FileSystem.statEntry(at: base, "", sub) else { return nil }
            guard st.st_mode & S_IFMT == S_IFDIR, FileStamp(st, allowingFolder: true) == recorded.stamp else {
                guard let (fd, st) = openFolder(base, sub) else { return nil }
                return list(fd, st, rel, previous: previous)
            }
            made.append(recorded)
            for name in recorded.files { stampFile(base, sub, name, joined(rel, name)) }
            return made.count - 1
        }
        // One with folders is opened: the names below it are looked up from it.
        guard let (fd, st) = openFolder(base, sub) else { return nil }
        guard FileStamp(st, allowingFolder: true) == recorded.stamp else { return list(fd, st, rel, previous: previous) }
        defer { close(fd) }
        let position = made.count
        made.append(recorded)
        for name in recorded.files { stampFile(fd, "", name, joined(rel, name)) }
        var folders: [FolderRecord.Entry] = []
        folders.reserveCapacity(recorded.folders.count)
        for entry in recorded.folders {
            if let index = visit(fd, entry.name, joined(rel, entry.name), previous: entry.index) {
                folders.append(FolderRecord.Entry(name: entry.name, index: index))
            }
        }
        made[position].folders = folders
        return position
    }
}
