import Foundation

/// What `gazette fetch` remembers of each source between runs, in `.gazette/fetch/sources.json`:
/// the validators for a conditional GET, a permanent redirect, a rate limit, and the source's
/// health. Losing the file costs one unconditional download per source, nothing more.
public struct FetchState: Sendable, Hashable, Codable {
    public struct Source: Sendable, Hashable, Codable {
        /// The configured URL these values belong to: when the editor changes it, the rest is
        /// about another feed and is forgotten.
        public var url: String
        public var etag: String?
        public var lastModified: String?
        /// Where a permanent redirect (301, 308) said the feed now lives.
        public var movedTo: String?
        /// Not to be asked again before this (from `Retry-After`).
        public var notBefore: Date?
        public var lastAttempt: Date?
        public var lastSuccess: Date?
        public var lastError: String?
        public var consecutiveFailures = 0

        public init(url: String) {
            self.url = url
        }
    }

    public var sources: [String: Source] = [:]

    public init() {}

    public static let folder = ".gazette/fetch"
    public static let fileName = "sources.json"

    static func path(in site: URL) -> String {
        site.appendingPathComponent(folder).appendingPathComponent(fileName).path
    }

    /// The saved state, or an empty one when there is none or it cannot be read (it only saves
    /// work, so a damaged file is started afresh rather than stopping the run).
    public static func load(from site: URL) -> FetchState {
        guard let bytes = FileSystem.readBytes(path(in: site)), bytes.count < 16 << 20,
            let state = try? decoder.decode(FetchState.self, from: Data(bytes))
        else { return FetchState() }
        return state
    }

    /// Writes the state in one step (a reader never sees half a file).
    public func save(to site: URL) throws(ImportError) {
        let folder = site.appendingPathComponent(Self.folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let data = try Self.encoder.encode(self)
            if let errno = FileSystem.writeAtomically(Self.path(in: site), [UInt8](data)) {
                throw ImportError("cannot write \(Self.folder)/\(Self.fileName): \(String(cString: strerror(errno)))")
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError("cannot write \(Self.folder)/\(Self.fileName): \(error.localizedDescription)")
        }
    }

    /// The key of a source's record: its name, whatever its case (names are unique that way).
    public static func key(for source: FetchSource) -> String {
        source.name.lowercased()
    }

    /// The record of `source`: its own; else, for a source renamed in the list, the record of its
    /// URL (so that a rename neither forgets a rate limit nor loses the validators); else a fresh
    /// one. A source whose URL changed keeps its health and forgets the rest.
    public func record(for source: FetchSource) -> Source {
        if let saved = sources[Self.key(for: source)] {
            if saved.url == source.url { return saved }
            var fresh = Source(url: source.url)
            fresh.lastSuccess = saved.lastSuccess
            fresh.lastAttempt = saved.lastAttempt
            return fresh
        }
        if let byURL = sources.keys.sorted().lazy.compactMap({ self.sources[$0] }).first(where: { $0.url == source.url }) {
            return byURL
        }
        return Source(url: source.url)
    }

    /// Drops the records of sources no longer in `list` (the whole list, not an `--only` part).
    public mutating func keepOnly(_ list: [FetchSource]) {
        let keys = Set(list.map(Self.key(for:)))
        sources = sources.filter { keys.contains($0.key) }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}

/// HTTP header values that a fetch reads.
public enum HTTPDate {
    /// `Retry-After`: delay-seconds or an HTTP-date, as the time it allows; nil when unreadable.
    /// A delay is capped at a week, so that a hostile value cannot silence a source for years.
    public static func retryAfter(_ value: String, now: Date) -> Date? {
        let text = value.trimmingCharacters(in: .whitespaces)
        let week: TimeInterval = 7 * 24 * 3600
        if let seconds = Int(text), seconds >= 0 {
            return now.addingTimeInterval(min(TimeInterval(seconds), week))
        }
        guard let date = parse(text) else { return nil }
        return min(max(date, now), now.addingTimeInterval(week))
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), and the obsolete RFC 850 and asctime
    /// forms that RFC 9110 says a recipient must accept.
    public static func parse(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

/// Keeps two runs of `gazette fetch` or `gazette import` from writing one site's `content/` at
/// once (a cron job overlapping a run by hand would save the same article twice under two
/// names). `flock`, released when the process ends, even if it crashes; never waited for.
public final class ImportLock: Sendable {
    private let fd: Int32

    public static let path = ".gazette/import.lock"

    /// The lock, or why it cannot be had.
    public init(site: URL) throws(ImportError) {
        let folder = site.appendingPathComponent(".gazette")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(site.appendingPathComponent(Self.path).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImportError("cannot open \(Self.path): \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK {
                throw ImportError("another gazette fetch or import is writing into this site; try again when it has finished")
            }
            throw ImportError("cannot lock \(Self.path): \(String(cString: strerror(code)))")
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
