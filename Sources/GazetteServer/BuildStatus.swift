import Gazette

/// Where the site stands after the last build: which build it is, and its errors if it failed.
///
/// Served pages carry the identifier, so a page opened just before a build can tell that it is
/// stale when its event stream connects.
public struct BuildStatus: Sendable, Equatable {
    /// Changes whenever what the server shows changes: new output, or new or cleared errors.
    public var id: String
    /// The errors of the last build; nil when it succeeded.
    public var diagnostics: [Diagnostic]?

    public var failed: Bool { diagnostics != nil }
}
