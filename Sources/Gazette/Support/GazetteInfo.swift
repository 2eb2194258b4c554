public enum GazetteInfo {
    /// Shown by `gazette --version` and written into the build cache and the manifest: those
    /// of another version are not used.
    public static let version = "0.2.0"
}
