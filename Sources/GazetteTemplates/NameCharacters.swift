/// The characters of names, as swift-mustache 2.1.1 accepts them.
struct NameCharacters {
    private let low: UInt64
    private let high: UInt64

    private init(_ characters: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in characters.utf8 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.low = low
        self.high = high
    }

    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
        return false
    }

    private static let letters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*"
    static let nameWithoutBrackets = NameCharacters(letters)
    static let name = NameCharacters(letters + "()")
    static let partialName = NameCharacters(letters + "()/")
}
