#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX file access for the hot paths of a build: listing, reading and writing tens of
/// thousands of files. FileManager's attribute dictionaries (with user and group name look-ups
/// for every file) would cost more than the work itself.
enum FileSystem {
    enum Kind { case file, directory, symlink, other, missing }

    /// The kind of the entry at `path`, not following a symbolic link.
    static func kind(_ path: String) -> Kind {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// `a + "/" + b`, made in one allocation: `+` on strings checks capacity and appends through
    /// a text stream, twice, for each of the tens of thousands of paths a rebuild handles.
    static func join(_ a: String, _ b: String) -> String {
        concatenate(a, UInt8(ascii: "/"), b)
    }

    /// `fstatat(base, folder + "/" + name)`, links not followed, the path composed on the stack:
    /// passing a `String` where C takes a pointer copies it into a new array each time, and the
    /// output listing stamps every page by such paths at every rebuild. An empty `folder` stands
    /// for `base` itself (`name` alone).
    static func statEntry(at base: Int32, _ folder: String, _ name: String) -> stat? {
        var folder = folder, name = name
        return folder.withUTF8 { first in
            name.withUTF8 { second in
                let middle = first.isEmpty ? 0 : 1
                let count = first.count + middle + second.count
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 1) { buffer -> stat? in
                    _ = buffer.initialize(from: first)
                    if middle == 1 { buffer[first.count] = UInt8(ascii: "/") }
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[(first.count + middle)...]).initialize(from: second)
                    buffer[count] = 0
                    var st = stat()
                    let ok = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: count + 1) {
                        fstatat(base, $0, &st, AT_SYMLINK_NOFOLLOW) == 0
                    }
                    return ok ? st : nil
                }
            }
        }
    }

    /// `a + b`, made in one step (see `join`).
    static func concatenate(_ a: String, _ b: String) -> String {
        concatenate(a, nil, b)
    }

    private static func concatenate(_ a: String, _ separator: UInt8?, _ b: String) -> String {
        var a = a, b = b
        let middle = separator == nil ? 0 : 1
        let count = a.utf8.count + middle + b.utf8.count
        // Short enough to be held in the string itself: no allocation either way.
        if count <= 15 { return separator == nil ? a + b : a + "/" + b }
        return a.withUTF8 { first in
            b.withUTF8 { second in
                String(unsafeUninitializedCapacity: count) { buffer in
                    _ = buffer.initialize(from: first)
                    if let separator { buffer[first.count] = separator }
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[(first.count + middle)...]).initialize(from: second)
                    return count
                }
            }
        }
    }

    /// Every non-folder entry below `root`, relative to it, unsorted. Links are listed, not followed.
    static func listFiles(_ root: String) -> [String] {
        var out: [String] = []
        walk(root, stamping: false) { path, _ in out.append(path) }
        return out
    }

    /// `listFiles(root)`, each entry with its stamp when it is a regular file (nil for a link or
    /// anything else). Each stamp is taken relative to its open folder: the kernel looks up one
    /// name, where a stamp by full path walks every folder above it again.
    static func listFilesWithStamps(_ root: String) -> [(path: String, stamp: FileStamp?)] {
        var out: [(path: String, stamp: FileStamp?)] = []
        walk(root, stamping: true) { out.append(($0, $1)) }
        return out
    }

    /// `listFilesWithStamps(root)` on every core: the first levels of folders are read here
    /// until there are enough to share out, and the folders below them are listed in parallel:
    /// every build begins by listing the content folder.
    static func listFilesWithStampsInParallel(_ root: String) async -> [(path: String, stamp: FileStamp?)] {
        var out: [(path: String, stamp: FileStamp?)] = []
        // Folders still to read, by their paths rather than open: a root of thousands of
        // folders would run out of descriptors.
        var frontier = [""]
        var depth = 0
        while !frontier.isEmpty, frontier.count < 4 * ProcessInfoCores.count, depth < 4 {
            var next: [String] = []
            for rel in frontier {
                // Below the root, as `walk` does: a folder swapped for a link is not followed.
                let fd =
                    rel.isEmpty
                    ? open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    : open(join(root, rel), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { continue }
                readFolder(fd, stamping: true) { _, name, isDirectory, stamp in
                    let r = rel.isEmpty ? name : join(rel, name)
                    if isDirectory { next.append(r) } else { out.append((r, stamp)) }
                }
            }
            frontier = next
            depth += 1
        }
        let below = await parallelMap(frontier, chunkSize: 1) { rel in
            var found: [(path: String, stamp: FileStamp?)] = []
            let fd = open(join(root, rel), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 { walk(fd, rel, stamping: true) { found.append(($0, $1)) } }
            return found
        }
        for part in below { out += part }
        return out
    }

    private static func walk(_ root: String, stamping: Bool, _ visit: (String, FileStamp?) -> Void) {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { walk(fd, "", stamping: stamping, visit) }
    }

    /// Walks the folder open as `fd` (and closes it), whose path relative to the root is `rel`.
    private static func walk(_ fd: Int32, _ rel: String, stamping: Bool, _ visit: (String, FileStamp?) -> Void) {
        // Each folder is opened relative to its parent's descriptor: the kernel looks up one
        // name, not the whole path again (a site's output has a folder per article).
        readFolder(fd, stamping: stamping) { parent, name, isDirectory, stamp in
            let r = rel.isEmpty ? name : join(rel, name)
            guard isDirectory else {
                visit(r, stamp)
                return
            }
            // O_NOFOLLOW: a folder swapped for a link since it was listed is not followed.
            let child = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 { walk(child, r, stamping: stamping, visit) }
        }
    }

    /// Reads the folder open as `fd` (and closes it): `entry` gets the folder's descriptor and,
    /// for each entry but "." and "..", its name, whether it is a folder (links are not), and,
    /// with `stamping`, the stamp of a regular file (taken relative to the folder). False when
    /// the folder could not be read.
    @discardableResult
    static func readFolder(
        _ fd: Int32, stamping: Bool,
        _ entry: (_ parent: Int32, _ name: String, _ isDirectory: Bool, _ stamp: FileStamp?) -> Void
    ) -> Bool {
        guard let handle = fdopendir(fd) else {
            close(fd)
            return false
        }
        defer { closedir(handle) }
        let parent = dirfd(handle)
        while let item = readdir(handle) {
            var isDirectory = item.pointee.d_type == UInt8(DT_DIR)
            var st = stat()
            var statted = false
            let mustStat = item.pointee.d_type == UInt8(DT_UNKNOWN) || (stamping && !isDirectory)
            // Stamped by the entry's own name (passing a String would copy it for C).
            let name = withUnsafePointer(to: item.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { cName in
                    if mustStat { statted = fstatat(parent, cName, &st, AT_SYMLINK_NOFOLLOW) == 0 }
                    return String(cString: cName)
                }
            }
            if name == "." || name == ".." { continue }
            if mustStat { isDirectory = statted && st.st_mode & S_IFMT == S_IFDIR }
            entry(parent, name, isDirectory, stamping && statted && !isDirectory ? FileStamp(st, allowingFolder: false) : nil)
        }
        return true
    }

    /// The bytes of the regular file at `path` (links followed); nil for anything else. Opened
    /// without blocking, so that a pipe put in its place cannot hold the build, and checked to
    /// be a regular file once open.
    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(st.st_size)
        var failed = false
        // Not zero-filled first: for the build cache that is megabytes written twice.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            if size >= 1 << 22 { prepareLargeBuffer(UnsafeMutableRawBufferPointer(buffer)) }
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 { if errno == EINTR { continue }; failed = true; break }
                if n == 0 { break }
                done += n
            }
            initialized = done
        }
        return failed ? nil : bytes
    }

    /// Backs the whole pages of a fresh buffer of megabytes (the build cache, read as a build
    /// starts) in one step: with huge pages where the system gives them, and faulted in by one
    /// call rather than by a trap on each page, each of which holds up the other thread's heap
    /// growth.
    static func prepareLargeBuffer(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard let base = buffer.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let huge = 2 << 20
            let start = Int(bitPattern: base), end = start + buffer.count
            let hugeStart = (start + huge - 1) & ~(huge - 1), hugeEnd = end & ~(huge - 1)
            if hugeEnd > hugeStart, let aligned = UnsafeMutableRawPointer(bitPattern: hugeStart) {
                _ = madvise(aligned, hugeEnd - hugeStart, MADV_HUGEPAGE)
            }
            let pageStart = (start + page - 1) & ~(page - 1), pageEnd = end & ~(page - 1)
            if pageEnd > pageStart, let aligned = UnsafeMutableRawPointer(bitPattern: pageStart) {
                // MADV_POPULATE_WRITE (Linux 5.14); older systems refuse it and fault as before.
                _ = madvise(aligned, pageEnd - pageStart, 23)
            }
        #endif
    }

    /// `FileStamp(path: root + "/" + path, allowingFolder: true)` for each of `paths` (the
    /// root itself for ""), on every core. Each is taken relative to the folder two levels up,
    /// opened once for all the paths below it: the kernel looks up two names, not the nine of a
    /// page's full path.
    static func stampsWithFolders(_ paths: [String], below root: String) async -> [FileStamp?] {
        // Paths by the folder they are stamped from: everything before their last two parts.
        var groups: [String: [Int]] = [:]
        for i in paths.indices {
            let utf8 = paths[i].utf8
            let base =
                utf8.lastIndex(of: UInt8(ascii: "/"))
                .flatMap { utf8[..<$0].lastIndex(of: UInt8(ascii: "/")) }
                .map { String(paths[i][..<$0]) } ?? ""
            groups[base, default: []].append(i)
        }
        let found = await parallelMap(Array(groups)) { base, members in
            var stamps: [(Int, FileStamp?)] = []
            stamps.reserveCapacity(members.count)
            let fd = open(base.isEmpty ? root : join(root, base), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if fd >= 0 { close(fd) } }
            // The part after the base and its slash, read in place from each path's bytes.
            let skip = base.isEmpty ? 0 : base.utf8.count + 1
            for i in members {
                let path = paths[i]
                if path.isEmpty {
                    stamps.append((i, FileStamp(path: root, allowingFolder: true)))
                    continue
                }
                guard fd >= 0 else {
                    stamps.append((i, nil))
                    continue
                }
                var st = stat()
                let ok = path.withCString { fstatat(fd, $0 + skip, &st, AT_SYMLINK_NOFOLLOW) == 0 }
                stamps.append((i, ok ? FileStamp(st, allowingFolder: true) : nil))
            }
            return stamps
        }
        var result = [FileStamp?](repeating: nil, count: paths.count)
        for group in found { for (i, stamp) in group { result[i] = stamp } }
        return result
    }

    /// The file's stamp when the file at `path` holds exactly `bytes`, nil otherwise.
    static func stampIfContentEquals(_ path: String, _ bytes: UnsafeRawBufferPointer) -> FileStamp? {
        var st = stat()
        // lstat: a link planted in the output is replaced, never read through.
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) == bytes.count,
            readBytes(path)?.withUnsafeBytes({ $0.elementsEqual(bytes) }) == true
        else { return nil }
        return FileStamp(st, allowingFolder: false)
    }

    /// Writes a new file; returns errno on failure.
    static func writeBytes(_ path: String, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { writeBytes(path, $0) }
    }

    static func writeBytes(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var stamp: FileStamp?
        return writeBytes(path, bytes, stamp: &stamp)
    }

    /// Replaces `path` with `bytes` in one step: written to `path + tempInfix + <pid>`, then
    /// renamed over it, so a reader (or a build killed half-way) sees the old file or the new
    /// one, never part of one. Returns errno on failure, with the temporary file gone.
    static func writeAtomically(_ path: String, _ bytes: [UInt8], tempInfix: String = ".tmp-") -> Int32? {
        let temp = path + tempInfix + String(getpid())
        if let code = writeBytes(temp, bytes) {
            unlink(temp)
            return code
        }
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            return code
        }
        return nil
    }

    /// Writes a new file and sets `stamp` to the stamp it has once written (taken on the open
    /// file, before it is closed: no second look-up of its path); returns errno on failure.
    static func writeBytes(_ path: String, _ bytes: UnsafeRawBufferPointer, stamp: inout FileStamp?) -> Int32? {
        let fd = createFile(path)
        guard fd >= 0 else { return errno }
        if let e = writeAll(fd, bytes) {
            _ = closeFile(fd)
            return e
        }
        var st = stat()
        stamp = fstat(fd, &st) == 0 ? FileStamp(st, allowingFolder: false) : nil
        return closeFile(fd)
    }

    /// Writes `bytes` to `path` only if nothing is there, not even a link (EEXIST otherwise):
    /// for files a person may already have, which Gazette must never replace. Returns errno
    /// on failure.
    static func writeNewFile(_ path: String, _ bytes: [UInt8]) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        if let e = bytes.withUnsafeBytes({ writeAll(fd, $0) }) {
            _ = closeFile(fd)
            // The file is this call's own, half written: removing it leaves things as they were.
            unlink(path)
            return e
        }
        return closeFile(fd)
    }

    /// Opens a new file for writing (replacing one there), or returns -1 with errno set.
    static func createFile(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    }

    /// Writes all of `bytes` to `fd`; returns errno on failure.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let n = write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }

    /// Closes `fd`; returns errno on failure.
    static func closeFile(_ fd: Int32) -> Int32? {
        close(fd) == 0 ? nil : errno
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// What `stat` says of a file, enough to tell that it has not changed since the last build.
///
/// The status-change time is part of it: any write changes it, and unlike the modification time
/// no one can set it back, so a file edited and given its old time again (`touch -r`) still
/// reads as changed.
struct FileStamp: Hashable, Sendable {
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64
    var changedSeconds: Int64
    var changedNanoseconds: Int64

    init(
        size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, inode: UInt64,
        changedSeconds: Int64 = 0, changedNanoseconds: Int64 = 0
    ) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.changedSeconds = changedSeconds
        self.changedNanoseconds = changedNanoseconds
    }

    /// A moment as file times give it: seconds and nanoseconds since 1970.
    struct Clock {
        var seconds: Int64
        var nanoseconds: Int64

        /// `interval`: seconds since 1970.
        init(_ interval: Double) {
            seconds = Int64(interval.rounded(.down))
            nanoseconds = Int64((interval - Double(seconds)) * 1e9)
        }
    }

    /// Whether a file with this stamp at `now` cannot change again without its stamp changing.
    /// File times are only as fine as the file system's clock: a file changed twice within one
    /// of its ticks keeps one time. A time with nanoseconds comes from a file system that keeps
    /// them, whose clock on Linux ticks at least every 10 ms (the kernel's slowest tick) and
    /// elsewhere finer: settled a tenth of a second later. A time in whole seconds may come from
    /// one that keeps seconds only (FAT keeps even ones): settled two seconds later.
    func isSettled(at now: Clock) -> Bool {
        if modifiedNanoseconds != 0 {
            let age = (now.seconds - modifiedSeconds) * 1_000_000_000 + (now.nanoseconds - modifiedNanoseconds)
            return age > 100_000_000
        }
        return modifiedSeconds < now.seconds - 2
    }

    /// The stamp of a regular file (not following links), or nil.
    init?(path: String) {
        self.init(path: path, allowingFolder: false)
    }

    /// The stamp of a regular file or, when `allowingFolder`, of a folder: a folder's time
    /// changes whenever an entry is added to it, removed from it or renamed in it.
    init?(path: String, allowingFolder: Bool) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        self.init(st, allowingFolder: allowingFolder)
    }

    /// The stamp `stat` reported, if it is of a regular file (or a folder, when allowed).
    init?(_ st: stat, allowingFolder: Bool) {
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG || (allowingFolder && kind == S_IFDIR) else { return nil }
        #if canImport(Darwin)
            self.init(
                size: Int64(st.st_size), modifiedSeconds: Int64(st.st_mtimespec.tv_sec),
                modifiedNanoseconds: Int64(st.st_mtimespec.tv_nsec), inode: UInt64(st.st_ino),
                changedSeconds: Int64(st.st_ctimespec.tv_sec), changedNanoseconds: Int64(st.st_ctimespec.tv_nsec))
        #else
            self.init(
                size: Int64(st.st_size), modifiedSeconds: Int64(st.st_mtim.tv_sec),
                modifiedNanoseconds: Int64(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino),
                changedSeconds: Int64(st.st_ctim.tv_sec), changedNanoseconds: Int64(st.st_ctim.tv_nsec))
        #endif
    }
}
