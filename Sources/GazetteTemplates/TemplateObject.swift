/// A lazy object: a template asks for its fields by name, and only those it names are computed.
///
/// A class (a final class with `let` properties is `Sendable` as it is): a `TemplateValue`
/// then holds one reference, so values stay small (17 bytes) and copy with one reference
/// count; a struct behind `any TemplateObject` would make every value 41 bytes, copied through
/// the existential's value witnesses.
///
/// Sections push a view on the context stack like an object; `{{view}}` itself renders as
/// nothing, and transforms (`count(…)`, `empty(…)`) give nothing for a view.
public protocol TemplateObject: AnyObject, Sendable {
    /// The value of a field, or nil when this object has no such field (the look-up then
    /// continues down the context stack, as Mustache does). Return `.null` to stop the look-up
    /// here with nothing to render.
    func value(forKey key: String) -> TemplateValue?

    /// The same, for a key that has place `slot` in the vocabulary its template was compiled
    /// with (-1 when it has none there). An object may answer from the slot alone, but must
    /// check that its own name for the slot is `key`: a template compiled with another
    /// vocabulary numbers its names otherwise. By default, `value(forKey:)`.
    func value(forKey key: String, slot: Int) -> TemplateValue?

    /// What the object stands for, when every object of its type with the same identity
    /// answers every key alike (and so do the values it gives): a `PartialMemo` then reuses
    /// what a partial rendered over one for the others. nil (the default): never reused.
    var renderingIdentity: Int? { get }
}

extension TemplateObject {
    public func value(forKey key: String, slot: Int) -> TemplateValue? {
        value(forKey: key)
    }

    public var renderingIdentity: Int? { nil }
}
