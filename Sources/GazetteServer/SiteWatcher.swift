import Foundation
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Watches what a build reads (`content/`, `Templates/` and `site.yml`) and reports the
/// site-relative paths that changed. Nothing else in the site folder is watched, so the
/// preview's own writes (`.gazette/preview/`, `.gazette/cache/`) never set off a build.
///
/// On Linux it asks the kernel (inotify), watching every folder below the two trees and adding
/// folders as they appear; elsewhere, or where inotify is not available, it compares the files'
/// modification times at an interval.
public struct SiteWatcher: Sendable {
    public enum Mode: Sendable, Equatable {
        /// inotify where the system has it, else polling every half second.
        case automatic
        case polling(interval: Duration)
    }

    public var siteDirectory: URL
    public var mode: Mode

    static let trees = ["content", "Templates"]
    static let files = ["site.yml"]

    public init(siteDirectory: URL, mode: Mode = .automatic) {
        self.siteDirectory = siteDirectory.standardizedFileURL
        self.mode = mode
    }

    /// Calls `changed` with the paths of each batch of changes until the task is cancelled.
    public func watch(_ changed: @escaping @Sendable ([String]) async -> Void) async {
        #if canImport(Glibc)
            if mode == .automatic, await watchWithInotify(changed) { return }
        #endif
        let interval: Duration
        if case .polling(let given) = mode { interval = given } else { interval = .milliseconds(500) }
        await watchByPolling(every: interval, changed)
    }

    /// Editors' swap, backup and probe files, which say nothing about the site.
    static func isNoise(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    // MARK: Polling

    struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    func snapshot() -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        let root = siteDirectory.path
        func visit(_ relative: String) {
            let full = root + "/" + relative
            var info = stat()
            guard stat(full, &info) == 0 else { return }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
                for name in names where !Self.isNoise(Substring(name)) { visit(relative + "/" + name) }
            } else {
                out[relative] = Stamp(
                    seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                    size: Int64(info.st_size), inode: UInt64(info.st_ino))
            }
        }
        for name in Self.trees + Self.files { visit(name) }
        return out
    }

    func watchByPolling(every interval: Duration, _ changed: @escaping @Sendable ([String]) async -> Void) async {
        var previous = snapshot()
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let current = snapshot()
            if current != previous {
                var paths = Set<String>()
                for (path, stamp) in current where previous[path] != stamp { paths.insert(path) }
                for path in previous.keys where current[path] == nil { paths.insert(path) }
                previous = current
                await changed(paths.sorted())
            }
        }
    }

    // MARK: inotify

    #if canImport(Glibc)
        /// False when inotify cannot be used here, so that the caller polls instead.
        func watchWithInotify(_ changed: @escaping @Sendable ([String]) async -> Void) async -> Bool {
            let fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var watches = InotifyWatches(fd: fd, root: siteDirectory.path)
            guard watches.add("") else { return false }
            for tree in Self.trees { watches.addTree(tree) }
            // Past the kernel's limit on watches (fs.inotify.max_user_watches) some folders would go
            // unwatched without a word; polling sees them all.
            guard !watches.ranOut else { return false }

            // The read blocks, so it runs on a thread of its own rather than one of the few threads
            // that run Swift tasks; it wakes up regularly to notice cancellation.
            let pool = NIOThreadPool(numberOfThreads: 1)
            pool.start()
            defer { pool.shutdownGracefully { _ in } }
            while !Task.isCancelled {
                let bytes: [UInt8]
                do {
                    bytes = try await pool.runIfActive { Self.readEvents(fd, timeoutMilliseconds: 250) }
                } catch {
                    return true
                }
                guard !bytes.isEmpty else { continue }
                let paths = watches.handle(bytes)
                if !paths.isEmpty { await changed(paths) }
            }
            return true
        }

        /// Waits up to `timeoutMilliseconds` for events and returns their raw bytes (empty if none).
        static func readEvents(_ fd: Int32, timeoutMilliseconds: Int32) -> [UInt8] {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return [] }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            return count > 0 ? Array(buffer.prefix(count)) : []
        }
    #endif
}

#if canImport(Glibc)
    /// The watch descriptors of one inotify instance and the folders they stand for.
    struct InotifyWatches {
        let fd: Int32
        let root: String
        /// Watch descriptor → site-relative folder (`""` for the site folder itself).
        private(set) var folders: [Int32: String] = [:]
        /// A folder could not be watched for want of watches or memory.
        private(set) var ranOut = false

        static let mask = UInt32(
            IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

        init(fd: Int32, root: String) {
            self.fd = fd
            self.root = root
        }

        @discardableResult
        mutating func add(_ relative: String) -> Bool {
            let path = relative.isEmpty ? root : root + "/" + relative
            let wd = inotify_add_watch(fd, path, Self.mask)
            guard wd >= 0 else {
                if errno == ENOSPC || errno == ENOMEM { ranOut = true }
                return false
            }
            folders[wd] = relative
            return true
        }

        /// Watches a folder and every folder below it, and returns the files already in them: a
        /// folder made and filled at once (`mkdir -p`, a checkout) has files that no watch saw arrive.
        @discardableResult
        mutating func addTree(_ relative: String) -> [String] {
            guard add(relative) else { return [] }
            let full = root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return [] }
            var files: [String] = []
            for name in names.sorted() where !SiteWatcher.isNoise(Substring(name)) {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full + "/" + name, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    files += addTree(relative + "/" + name)
                } else {
                    files.append(relative + "/" + name)
                }
            }
            return files
        }

        /// Turns a batch of raw events into the site-relative paths that matter, watching new folders.
        mutating func handle(_ bytes: [UInt8]) -> [String] {
            var paths = Set<String>()
            let header = MemoryLayout<inotify_event>.size
            var offset = 0
            while offset + header <= bytes.count {
                let (wd, mask, length) = bytes.withUnsafeBytes { raw in
                    (
                        raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let nameBytes = bytes[(offset + header)..<min(bytes.count, offset + header + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + length

                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    paths.insert("*")  // events were lost: everything may have changed
                    continue
                }
                guard let folder = folders[wd] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 {
                    folders[wd] = nil
                    continue
                }
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    paths.insert(folder)
                    continue
                }
                guard !name.isEmpty, !SiteWatcher.isNoise(Substring(name)) else { continue }
                let isFolder = mask & UInt32(IN_ISDIR) != 0
                if folder.isEmpty {
                    // In the site folder only the configuration and the two trees matter; above all
                    // not `.gazette/`, where every build of the preview writes its output and cache.
                    if SiteWatcher.files.contains(name) && !isFolder {
                        paths.insert(name)
                    } else if SiteWatcher.trees.contains(name) && isFolder {
                        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { paths.formUnion(addTree(name)) }
                        paths.insert(name)
                    }
                    continue
                }
                let path = folder + "/" + name
                if isFolder && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { paths.formUnion(addTree(path)) }
                paths.insert(path)
            }
            return paths.sorted()
        }
    }
#endif
