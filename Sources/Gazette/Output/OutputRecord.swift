import Foundation

/// The list, kept in the output folder as `.gazette-output`, of the files Gazette wrote there.
///
/// It is what makes a folder Gazette's: a build removes a file of its output folder only when
/// this record names it, so a file that a person (or another tool) put there is never deleted,
/// whatever its name. The record lives in the output folder itself rather than in the build
/// cache, so that `--no-cache` or a deleted cache cannot make Gazette forget what it owns. It
/// is a dotfile: builds leave dotfiles alone and publishing skips it.
struct OutputRecord: Sendable {
    static let fileName = ".gazette-output"
    static let header = """
        # Written by Gazette. The files listed below were written by Gazette: a build may replace or
        # remove them. Anything else in this folder was not, and Gazette leaves it alone.

        """

    /// Output-relative paths, sorted by their bytes, each on its own line; a newline or a
    /// backslash in a name is written as `\n` or `\\`.
    private let text: [UInt8]
    /// Where each path's line starts and ends in `text`.
    private let lines: [Range<Int>]

    /// An empty record, for a folder Gazette has just taken on.
    init() {
        text = []
        lines = []
    }

    init(paths: some Sequence<String>) {
        var sorted = paths.map { Array(Self.escape($0).utf8) }
        sorted.sort { $0.lexicographicallyPrecedes($1) }
        var text: [UInt8] = []
        var lines: [Range<Int>] = []
        var previous: [UInt8]?
        for line in sorted where line != previous {
            let start = text.count
            text += line
            lines.append(start..<text.count)
            text.append(UInt8(ascii: "\n"))
            previous = line
        }
        self.text = text
        self.lines = lines
    }

    private init(parsing bytes: [UInt8]) {
        var lines: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                if i > start, bytes[start] != UInt8(ascii: "#") { lines.append(start..<i) }
                start = i + 1
            }
            i += 1
        }
        if i > start, bytes[start] != UInt8(ascii: "#") { lines.append(start..<i) }
        // Written sorted; a record edited by hand is sorted again rather than trusted.
        let sorted = bytes.withUnsafeBufferPointer { b in
            zip(lines, lines.dropFirst()).allSatisfy { Self.compare(b, $0, b, $1) < 0 }
        }
        if sorted {
            text = bytes
            self.lines = lines
        } else {
            let paths = lines.map { Self.unescape(String(decoding: bytes[$0], as: UTF8.self)) }
            self = OutputRecord(paths: paths)
        }
    }

    var count: Int { lines.count }

    var paths: [String] {
        lines.map { Self.unescape(String(decoding: text[$0], as: UTF8.self)) }
    }

    /// Whether the record names `path` (a binary search over the lines as they were read).
    func contains(_ path: String) -> Bool {
        let key = Array(Self.escape(path).utf8)
        return text.withUnsafeBufferPointer { t in
            key.withUnsafeBufferPointer { k in
                var low = 0, high = lines.count
                while low < high {
                    let mid = (low + high) / 2
                    let order = Self.compare(t, lines[mid], k, 0..<k.count)
                    if order == 0 { return true }
                    if order < 0 { low = mid + 1 } else { high = mid }
                }
                return false
            }
        }
    }

    /// The byte order of `a[x]` and `b[y]`: negative, zero or positive.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ x: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ y: Range<Int>) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let order = memcmp(pa + x.lowerBound, pb + y.lowerBound, common)
            if order != 0 { return Int(order) }
        }
        return x.count - y.count
    }

    static func path(in folder: String) -> String {
        FileSystem.join(folder, fileName)
    }

    /// The record of `folder`, or nil when it has none: the folder is not (yet) Gazette's.
    static func load(folder: String) -> OutputRecord? {
        let path = path(in: folder)
        guard FileSystem.kind(path) == .file, let bytes = FileSystem.readBytes(path) else { return nil }
        return OutputRecord(parsing: bytes)
    }

    /// Writes the record into `folder` atomically (a temporary file renamed over it).
    func save(folder: String) throws(OutputWriter.Failure) {
        let final = Self.path(in: folder)
        // Named as the writer names its files, so that a killed build's leftover is removed.
        if let code = FileSystem.writeAtomically(final, Array(Self.header.utf8) + text, tempInfix: OutputWriter.tempInfix) {
            throw OutputWriter.Failure(description: "cannot write \(final): \(FileSystem.errorText(code))")
        }
    }

    static func escape(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\\") }) else { return path }
        return path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ line: String) -> String {
        guard line.contains("\\") else { return line }
        var out = ""
        var escaping = false
        for c in line {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
