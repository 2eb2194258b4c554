/// Why a publish could not start or did not finish. Every message says what to do about it.
public struct PublishError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The target string or name cannot be published to.
        case invalidTarget
        /// A program the target needs is not on `PATH`.
        case toolMissing
        /// The host, bucket or repository did not answer.
        case unreachable
        /// No credentials were found, or the host refused them.
        case credentials
        /// The local output cannot be published as it is.
        case invalidSource
        /// The transfer started and failed; the message says what the host still serves.
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
