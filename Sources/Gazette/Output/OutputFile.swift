/// One file of the built site: its path relative to the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    /// A file keeps the bytes or the text it was made as, and is written from them, without a
    /// copy of the whole site in between.
    private var storage: Storage

    private enum Storage: Sendable {
        case bytes([UInt8])
        case text(String)
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.storage = .bytes(bytes)
    }

    public init(path: String, text: String) {
        self.path = path
        self.storage = .text(text)
    }

    public var bytes: [UInt8] {
        get {
            switch storage {
            case .bytes(let bytes): return bytes
            case .text(let text): return Array(text.utf8)
            }
        }
        set { storage = .bytes(newValue) }
    }

    public var text: String {
        switch storage {
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .text(let text): return text
        }
    }

    /// Calls `body` with the file's bytes in place.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch storage {
        case .bytes(let bytes):
            return bytes.withUnsafeBytes(body)
        case .text(var text):
            return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    public static func == (lhs: OutputFile, rhs: OutputFile) -> Bool {
        lhs.path == rhs.path && lhs.withBytes { a in rhs.withBytes { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        withBytes { hasher.combine(bytes: $0) }
    }
}
