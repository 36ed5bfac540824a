import Foundation

extension Asset {
    /// Validates the asset (reference §1.15): an asset name, and either `builds` or `url` + `sha512`, each URL
    /// absolute http(s)/file, each SHA-512 at least 128 hexadecimal characters, and every filter a valid expression.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata, rule: .asset)
        if builds.isEmpty {
            try Self.validateSource(url: url, sha512: sha512, field: "")
            try Self.validateFilters(filters, field: "filters")
        } else {
            for (index, build) in builds.enumerated() {
                try Self.validateSource(url: build.url, sha512: build.sha512, field: "builds[\(index)].")
                try Self.validateFilters(build.filters, field: "builds[\(index)].filters")
            }
        }
    }

    /// Every asset filter must compile as a `FilterExpression`.
    static func validateFilters(_ filters: [String], field: String) throws(ValidationError) {
        for (index, source) in filters.enumerated() {
            do {
                _ = try FilterExpression(source)
            } catch {
                throw ValidationError(field: "\(field)[\(index)]", message: error.description)
            }
        }
    }

    static func validateSource(url: String, sha512: String, field prefix: String) throws(ValidationError) {
        if url.isEmpty { throw ValidationError(field: "\(prefix)url", message: "must not be empty") }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            ["http", "https", "file"].contains(scheme)
        else {
            throw ValidationError(field: "\(prefix)url", message: "\"\(url)\" is not an http, https or file URL")
        }
        if sha512.isEmpty { throw ValidationError(field: "\(prefix)sha512", message: "must not be empty") }
        if sha512.count < 128 || !sha512.allSatisfy(\.isHexDigit) {
            throw ValidationError(
                field: "\(prefix)sha512", message: "must be at least 128 hexadecimal characters (a SHA-512 digest)")
        }
    }
}
