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

    /// Folder names in the output that Gazette leaves alone: version control and dotfiles a host
    /// or a person put there (`.git`, `.gitkeep`, `.well-known` from elsewhere, …).
    static func isPreserved(_ relativePath: String) -> Bool {
        relativePath.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    public func write(_ files: [OutputFile]) throws -> Report {
        let fm = FileManager.default
        var report = Report()
        let root = directory.path
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        let existing = Set(Self.listFiles(root))
        var wanted = Set<String>()
        var staged: [(temp: String, final: String, path: String)] = []
        let stamp = "\(ProcessInfo.processInfo.processIdentifier)"
        do {
            for file in files {
                guard Self.isSafe(file.path) else { throw Failure(description: "refusing to write outside the output folder: \(file.path)") }
                wanted.insert(file.path)
                let final = root + "/" + file.path
                if existing.contains(file.path), let current = fm.contents(atPath: final), current.count == file.bytes.count,
                   current.elementsEqual(file.bytes) {
                    report.unchanged += 1
                    continue
                }
                let folder = (final as NSString).deletingLastPathComponent
                try Self.makeFolder(folder, under: root)
                let temp = folder + "/.gazette-tmp-\(stamp)-" + (file.path as NSString).lastPathComponent
                guard fm.createFile(atPath: temp, contents: Data(file.bytes)) else {
                    throw Failure(description: "cannot write \(final)")
                }
                staged.append((temp, final, file.path))
            }
        } catch {
            for s in staged { try? fm.removeItem(atPath: s.temp) }
            throw error
        }
        // Everything is on disk; now swap each file in by rename, which replaces atomically.
        for s in staged {
            if rename(s.temp, s.final) != 0 {
                try? fm.removeItem(atPath: s.temp)
                throw Failure(description: "cannot replace \(s.final): \(String(cString: strerror(errno)))")
            }
            report.written.append(s.path)
        }
        for stale in existing.subtracting(wanted).sorted() where !Self.isPreserved(stale) {
            try? fm.removeItem(atPath: root + "/" + stale)
            report.removed.append(stale)
        }
        Self.removeEmptyFolders(root, isRoot: true)
        return report
    }

    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Creates the folders of a path below `root`; a symbolic link or file in the way is replaced
    /// by a real folder rather than followed out of the output.
    static func makeFolder(_ folder: String, under root: String) throws {
        let fm = FileManager.default
        var current = root
        for part in folder.dropFirst(root.count).split(separator: "/") {
            current += "/" + part
            let type = (try? fm.attributesOfItem(atPath: current))?[.type] as? FileAttributeType
            if type == .typeDirectory { continue }
            if type != nil { try fm.removeItem(atPath: current) }
            try fm.createDirectory(atPath: current, withIntermediateDirectories: false)
        }
    }

    /// Every file below `root`, relative to it. Symbolic links are listed, never followed.
    public static func listFiles(_ root: String) -> [String] {
        var out: [String] = []
        func walk(_ dir: String, _ rel: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
            for name in names {
                let full = dir + "/" + name
                let r = rel.isEmpty ? name : rel + "/" + name
                let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
                if type == .typeDirectory { walk(full, r) } else { out.append(r) }
            }
        }
        walk(root, "")
        return out
    }

    @discardableResult
    static func removeEmptyFolders(_ dir: String, isRoot: Bool) -> Bool {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return false }
        var empty = true
        for name in names {
            let full = dir + "/" + name
            let type = (try? fm.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            if type == .typeDirectory, !name.hasPrefix("."), removeEmptyFolders(full, isRoot: false) { continue }
            empty = false
        }
        if empty && !isRoot { try? fm.removeItem(atPath: dir) }
        return empty && !isRoot
    }
}
