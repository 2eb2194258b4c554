/// Sends a built site to one kind of host.
///
/// Both methods check everything that can be checked (tools, credentials, reachability)
/// before they change anything, and `publish` never leaves the host serving half a site.
public protocol Deployer: Sendable {
    var target: PublishTarget { get }

    /// What `publish` would upload and delete. Changes nothing, on the host or here.
    func plan(_ source: PublishSource) async throws -> PublishChanges

    /// Publishes `source` and returns what was sent and removed.
    func publish(_ source: PublishSource) async throws -> PublishChanges
}
