import Foundation

/// The built site as it will be published: the output folder and the files in it.
public struct PublishSource: Sendable {
    public struct File: Sendable, Hashable {
        public var path: String
        public var size: Int
    }

    public var directory: URL
    /// Sorted by path; leaves out what belongs to the machine rather than the site (`isPublished`).
    public var files: [File]
    /// From `site.yml`: hosts that serve a custom domain from a `CNAME` file get one.
    public var domain: String?
    /// Names the build in a commit message: `Test Digest: 3 articles, built 2022-03-12T05:02:00Z`.
    public var label: String

    /// Files in the output folder that are not published: Gazette did not write them (a file
    /// put there by hand), so they are not the site's.
    public var notPublished: [String] = []

    /// Lists `directory`. When the folder has Gazette's record, only the files it names are
    /// published: the site, and nothing a person left beside it. Only regular files and
    /// symbolic links can be published: a socket or a pipe is refused here, before any target
    /// is touched.
    public init(directory: URL, domain: String? = nil, label: String = "Gazette site") throws(PublishError) {
        self.directory = directory.standardizedFileURL
        self.domain = domain.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        self.label = label
        let root = self.directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublishError(.invalidSource, "no built site at '\(root)': run gazette build first, or leave out --no-build")
        }
        var files: [File] = []
        let record = OutputRecord.load(folder: root)
        for path in OutputWriter.listFiles(root).sorted() where Self.isPublished(path) {
            if let record, !record.contains(path) {
                if !ContentLoader.containsHiddenComponent(path) { notPublished.append(path) }
                continue
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + path)
            let type = attributes?[.type] as? FileAttributeType
            guard type == .typeRegular || type == .typeSymbolicLink else {
                throw PublishError(.invalidSource, "'\(path)' in the output is not a regular file; nothing was published")
            }
            files.append(File(path: path, size: (attributes?[.size] as? NSNumber)?.intValue ?? 0))
        }
        self.files = files
    }

    /// Version control, editor litter and Gazette's own staging files stay on this machine.
    public static func isPublished(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        if parts.contains(where: { $0 == ".git" || $0 == ".svn" || $0 == ".hg" }) { return false }
        return !(name == ".gitkeep" || name == ".DS_Store" || name.hasPrefix(".gazette"))
    }

    public func url(of path: String) -> URL {
        directory.appendingPathComponent(path)
    }
}
