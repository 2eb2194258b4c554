/// What a publish sends and removes: the plan of a dry run, or the record of a real one.
public struct PublishChanges: Sendable, Hashable {
    public struct Upload: Sendable, Hashable {
        /// Relative to the output folder.
        public var path: String
        public var size: Int
        /// False when the file replaces one the host already had.
        public var isNew: Bool

        public init(path: String, size: Int, isNew: Bool) {
            self.path = path
            self.size = size
            self.isNew = isNew
        }
    }

    public var uploads: [Upload]
    /// Paths the host has that the site no longer does, relative to the target.
    public var deletions: [String]
    /// Files the host already holds with the same bytes.
    public var unchanged: Int

    public init(uploads: [Upload] = [], deletions: [String] = [], unchanged: Int = 0) {
        self.uploads = uploads.sorted { $0.path < $1.path }
        self.deletions = deletions.sorted()
        self.unchanged = unchanged
    }

    public var bytesSent: Int { uploads.reduce(0) { $0 + $1.size } }
    public var isEmpty: Bool { uploads.isEmpty && deletions.isEmpty }
}
