import Foundation
import Testing

@testable import Gazette

/// A listing that takes the names of unchanged folders from the record of the last one lists
/// exactly what reading every folder lists, with the same stamps.
@Suite struct FolderRecordTests {
    let fm = FileManager.default

    func tempFolder() throws -> URL {
        let url = fm.temporaryDirectory.appendingPathComponent("gazette-folders-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The plain listing, sorted, to compare with.
    static func plain(_ root: String) -> [String] {
        FileSystem.listFilesWithStamps(root).map { "\($0.path) \(String(describing: $0.stamp))" }.sorted()
    }

    static func described(_ files: [(path: String, stamp: FileStamp?)]) -> [String] {
        files.map { "\($0.path) \(String(describing: $0.stamp))" }.sorted()
    }

    /// Every folder of a record by its path, with its stamp and sorted names.
    static func flattened(_ record: FolderRecord) -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ index: Int, _ path: String) {
            let folder = record.folders[index]
            out[path] = "\(folder.stamp) \(folder.settled) \(folder.files.sorted()) \(folder.folders.map(\.name).sorted())"
            for entry in folder.folders { walk(entry.index, path.isEmpty ? entry.name : path + "/" + entry.name) }
        }
        if !record.folders.isEmpty { walk(0, "") }
        return out
    }

    /// Every folder below `root` (and itself) modified in the last minute gets `time`: a stamp
    /// in the past, settled, and unlike any stamp it had before.
    func settleChangedFolders(_ root: URL, at time: Date) throws {
        let recent = Date(timeIntervalSinceNow: -60)
        var folders = [root.path]
        if let e = fm.enumerator(atPath: root.path) {
            while let rel = e.nextObject() as? String {
                let path = root.path + "/" + rel
                if FileSystem.kind(path) == .directory { folders.append(path) }
            }
        }
        for path in folders {
            let modified = try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date
            if let modified, modified > recent { try fm.setAttributes([.modificationDate: time], ofItemAtPath: path) }
        }
    }

    /// Random changes to a tree (files added, rewritten and removed, folders added, removed,
    /// swapped for files or links, dotfiles), each followed by a listing from the last record:
    /// always the plain listing's files and stamps, and the record a listing from nothing makes.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func listingsFromARecordMatchPlainListings(seed: UInt64) async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        var r = IncrementalBuildTests.Random(state: seed)
        var folders = ["", "2022", "2022/03", "2022/03/01", "2022/03/01/a", "2022/03/01/b", "2022/03/02/c", "feeds", "x/y/z"]
        for folder in folders {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            try Data("page \(folder)".utf8).write(to: root.appendingPathComponent(folder).appendingPathComponent("index.html"))
        }
        folders = Set(folders + ["2022/03/02", "x", "x/y"]).sorted()
        let past = Date(timeIntervalSinceNow: -100_000)
        try settleChangedFolders(root, at: past)
        var record = await FileSystem.listFilesWithStamps(root.path, record: nil, now: Date()).record
        #expect(record.folders.allSatisfy { $0.settled })
        for step in 1...40 {
            let folder = r.pick(folders)
            let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
            var action = ""
            switch r.below(9) {
            case 0:
                try Data("new \(step)".utf8).write(to: base.appendingPathComponent("f\(step).html"))
                action = "add a file to \(folder)"
            case 1:
                // In place: the folder's stamp stays; the file's changes.
                if let name = try fm.contentsOfDirectory(atPath: base.path).sorted().first(where: {
                    FileSystem.kind(base.path + "/" + $0) == .file
                }) {
                    let handle = try FileHandle(forWritingTo: base.appendingPathComponent(name))
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data(" more \(step)".utf8))
                    try handle.close()
                    action = "rewrite \(folder)/\(name) in place"
                }
            case 2:
                if let name = try fm.contentsOfDirectory(atPath: base.path).sorted().last(where: {
                    FileSystem.kind(base.path + "/" + $0) == .file
                }) {
                    try fm.removeItem(at: base.appendingPathComponent(name))
                    action = "remove \(folder)/\(name)"
                }
            case 3:
                let new = (folder.isEmpty ? "" : folder + "/") + "d\(step)"
                try fm.createDirectory(at: root.appendingPathComponent(new), withIntermediateDirectories: true)
                try Data("page".utf8).write(to: root.appendingPathComponent(new).appendingPathComponent("index.html"))
                folders.append(new)
                action = "add folder \(new)"
            case 4 where !folder.isEmpty:
                try fm.removeItem(at: base)
                folders.removeAll { $0 == folder || $0.hasPrefix(folder + "/") }
                action = "remove folder \(folder)"
            case 5 where !folder.isEmpty:
                try fm.removeItem(at: base)
                try Data("now a file".utf8).write(to: base)
                folders.removeAll { $0 == folder || $0.hasPrefix(folder + "/") }
                action = "swap folder \(folder) for a file"
            case 6 where !folder.isEmpty:
                try fm.removeItem(at: base)
                try fm.createSymbolicLink(atPath: base.path, withDestinationPath: root.appendingPathComponent(r.pick(folders)).path)
                folders.removeAll { $0 == folder || $0.hasPrefix(folder + "/") }
                action = "swap folder \(folder) for a link"
            case 7:
                try Data("hidden".utf8).write(to: base.appendingPathComponent(".keep\(step)"))
                action = "add a dotfile to \(folder)"
            default:
                action = "nothing"
            }
            if folders.isEmpty || !folders.contains("") { folders.append("") }
            // Half the steps leave what changed unsettled: read again next time, whatever its stamp.
            if r.below(2) == 0 { try settleChangedFolders(root, at: past.addingTimeInterval(Double(step))) }
            let now = Date()
            let listed = await FileSystem.listFilesWithStamps(root.path, record: record, now: now)
            #expect(Self.described(listed.files) == Self.plain(root.path), "step \(step): \(action)")
            // The listing shared out over the cores finds the same.
            let parallel = await FileSystem.listFilesWithStampsInParallel(root.path)
            #expect(Self.described(parallel) == Self.plain(root.path), "parallel, step \(step): \(action)")
            // Stamps taken from the folders two levels up are those taken by full path: of the
            // root, of every file and folder, and of paths that are not there.
            var paths = [""] + folders + listed.files.map(\.path)
            paths += ["missing", "2022/missing/deep/page.html", "x/y/z/missing.html", "feeds/../feeds/index.html"]
            let byFolder = await FileSystem.stampsWithFolders(paths, below: root.path)
            let byPath = paths.map { FileStamp(path: $0.isEmpty ? root.path : root.path + "/" + $0, allowingFolder: true) }
            #expect(byFolder == byPath, "stamps, step \(step): \(action)")
            let fresh = await FileSystem.listFilesWithStamps(root.path, record: nil, now: now).record
            #expect(Self.flattened(listed.record) == Self.flattened(fresh), "step \(step): \(action)")
            #expect(listed.changed == (listed.record != record))
            record = listed.record
            // Saved and read back, the record is the same.
            #expect(FolderRecord.decode(record.encode(), output: root.path) == record)
        }
    }

    /// A folder changed within the settling time keeps no trusted stamp: a later change that
    /// leaves its time as it was (the same tick of the file system's clock) is still seen.
    @Test func anUnsettledFolderIsReadAgainWhateverItsStamp() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let page = root.appendingPathComponent("2022/03/01/a")
        try fm.createDirectory(at: page, withIntermediateDirectories: true)
        try Data("page".utf8).write(to: page.appendingPathComponent("index.html"))
        // Listed the moment its folders changed (their time set to the listing's own).
        let now = Date()
        try settleChangedFolders(root, at: now)
        let first = await FileSystem.listFilesWithStamps(root.path, record: nil, now: now)
        #expect(first.record.folders.allSatisfy { !$0.settled })
        let modified = try fm.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
        try Data("stray".utf8).write(to: page.appendingPathComponent("stray.txt"))
        try fm.setAttributes([.modificationDate: modified!], ofItemAtPath: page.path)
        let second = await FileSystem.listFilesWithStamps(root.path, record: first.record, now: now)
        #expect(second.files.map(\.path).sorted() == ["2022/03/01/a/index.html", "2022/03/01/a/stray.txt"])
    }

    /// Times with nanoseconds settle a tenth of a second after them; times in whole seconds
    /// (a file system that keeps no finer ones) two seconds after.
    @Test func stampsSettleByTheFineness() {
        let now = FileStamp.Clock(1_000_000.5)
        func stamp(_ seconds: Int64, _ nanoseconds: Int64) -> FileStamp {
            FileStamp(size: 1, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds, inode: 1)
        }
        #expect(stamp(1_000_000, 300_000_000).isSettled(at: now))
        #expect(!stamp(1_000_000, 450_000_000).isSettled(at: now))
        #expect(!stamp(1_000_001, 1).isSettled(at: now))
        #expect(stamp(999_999, 999_999_999).isSettled(at: now))
        #expect(!stamp(999_999, 0).isSettled(at: now))
        #expect(!stamp(999_998, 0).isSettled(at: now))
        #expect(stamp(999_997, 0).isSettled(at: now))
    }

    /// A record of another output folder, or one damaged, cut short or pointing back up the
    /// tree, is not used.
    @Test func aRecordOfAnotherFolderOrDamagedIsNotUsed() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        try fm.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("a/b/index.html"))
        try settleChangedFolders(root, at: Date(timeIntervalSinceNow: -1000))
        let record = await FileSystem.listFilesWithStamps(root.path, record: nil, now: Date()).record
        let bytes = record.encode()
        #expect(FolderRecord.decode(bytes, output: root.path) == record)
        #expect(FolderRecord.decode(bytes, output: root.path + "-other") == nil)
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0x20
        #expect(FolderRecord.decode(damaged, output: root.path) == nil)
        #expect(FolderRecord.decode(Array(bytes.prefix(bytes.count - 3)), output: root.path) == nil)
        var looping = record
        looping.folders[1].folders = [FolderRecord.Entry(name: "b", index: 0)]
        #expect(FolderRecord.decode(looping.encode(), output: root.path) == nil)
    }
}
