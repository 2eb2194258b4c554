import Foundation

/// Keeps two builds of one site from using the cache at once (`flock`, released when the
/// process ends, even if it crashes).
struct CacheLock: ~Copyable {
    private let fd: Int32

    init?(site: URL) {
        let folder = site.appendingPathComponent(BuildCache.folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
