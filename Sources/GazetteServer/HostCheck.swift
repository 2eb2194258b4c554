/// Which `Host` headers the preview answers.
///
/// A page on another site can have its own name resolve to this machine (DNS rebinding) and then
/// read the preview as if it were its own; its requests still name that site in `Host`. The
/// preview answers only the names it listens under: `localhost`, `127.0.0.1` and `[::1]`, with
/// any port or none, and the `--host` value. Listening on every address (`0.0.0.0`, `::`) means
/// being reached under names the server cannot know, so then any name is answered.
struct HostCheck: Sendable, Equatable {
    /// Lower-case names without a port; nil when any name is answered.
    let names: Set<String>?

    init(listeningOn host: String) {
        var bare = host.lowercased()
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = String(bare.dropFirst().dropLast()) }
        if bare == "0.0.0.0" || bare == "::" || bare == "0:0:0:0:0:0:0:0" {
            names = nil
            return
        }
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        names.insert(bare.contains(":") ? "[\(bare)]" : Self.withoutTrailingDot(bare))
        self.names = names
    }

    /// `authority`: the request's `Host`, nil when it sent none (which HTTP/1.1 does not allow,
    /// and which no browser does).
    func allows(_ authority: String?) -> Bool {
        guard let names else { return true }
        guard let authority, let name = Self.name(ofAuthority: authority) else { return false }
        return names.contains(name)
    }

    /// The host part of `name[:port]` or `[v6]:port`, lower-cased and without a trailing dot;
    /// nil when the text is not of that form.
    static func name(ofAuthority authority: String) -> String? {
        let text = authority.lowercased()
        let name: Substring
        let rest: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            name = text[...close]
            rest = text[text.index(after: close)...]
        } else if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            rest = text[colon...]
        } else {
            name = Substring(text)
            rest = ""
        }
        if !rest.isEmpty {
            let port = rest.dropFirst()
            guard rest.first == ":", !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        guard !name.isEmpty else { return nil }
        return withoutTrailingDot(String(name))
    }

    static func withoutTrailingDot(_ name: String) -> String {
        name.hasSuffix(".") && name.count > 1 ? String(name.dropLast()) : name
    }

    /// What a refused request is told.
    var refusal: String {
        "This preview answers only to localhost, 127.0.0.1 and [::1], and to the name given with --host.\n"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
