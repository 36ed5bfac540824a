/// A `core/v2` resource that can be stored, addressed through the REST API and written as a wrapped document.
public protocol Resource: Sendable, Hashable, Codable {
    /// The resource type (type name, snake_case alias, REST collection, namespaced or not).
    static var resourceType: ResourceType { get }
    /// The JSON field names this type knows; other keys in a document's `spec` produce a warning.
    static var fieldNames: Set<String> { get }
    /// The resource's metadata. Types without `ObjectMeta` on the wire (`Namespace`, `User`) map it to their name.
    var metadata: ObjectMeta { get set }
    /// Checks the resource against Sensu's validation rules.
    /// - Throws: `ValidationError` naming the first invalid field.
    func validate() throws(ValidationError)
}
