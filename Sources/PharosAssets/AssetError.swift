/// Why a runtime asset could not be installed. `description` names the asset, the URL and the reason, for example
/// `asset "monitoring-plugins-debian" (http://127.0.0.1:8000/mp.tar.gz): sha512 mismatch: expected 6323…, got 81f7…`.
public struct AssetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reasons an asset fails to install.
    public enum Reason: Sendable, Hashable {
        /// No build (nor the asset's own `url`) has filters that all pass against the entity.
        case noBuildMatched(filters: [String])
        /// The selected build has an empty or non-HTTP(S) URL.
        case invalidURL
        /// The server answered with a non-2xx HTTP status code.
        case httpStatus(Int)
        /// The transfer failed (connection refused, reset, timed out, …); the text says how.
        case downloadFailed(String)
        /// The body was larger than the size cap (bytes).
        case tooLarge(limit: Int)
        /// The SHA-512 of the downloaded tarball differs from the declared one (both lower-case hex); `bytes` is
        /// the size downloaded (an HTML error page or a truncated body shows at once).
        case sha512Mismatch(expected: String, actual: String, bytes: Int)
        /// The declared `sha512` is not 128 hexadecimal digits.
        case invalidSHA512(String)
        /// `tar` failed; the text is its standard error or exit status.
        case unpackFailed(String)
        /// The cache directory could not be written; the text names the file operation.
        case cacheFailed(String)
    }

    /// The asset's `metadata.name`.
    public var assetName: String
    /// The URL of the selected build (empty when no build was selected).
    public var url: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an asset error.
    public init(assetName: String, url: String, reason: Reason) {
        self.assetName = assetName
        self.url = url
        self.reason = reason
    }

    /// `asset "NAME" (URL): REASON`; the URL part is left out when there is none.
    public var description: String {
        let location = url.isEmpty ? "" : " (\(url))"
        return "asset \"\(assetName)\"\(location): \(reasonText)"
    }

    private var reasonText: String {
        switch reason {
        case .noBuildMatched(let filters):
            "no build matches this entity (filters: \(filters.isEmpty ? "none" : filters.joined(separator: "; ")))"
        case .invalidURL: "invalid URL: only http and https URLs can be downloaded"
        case .httpStatus(let code): "download failed: HTTP \(code)"
        case .downloadFailed(let detail): "download failed: \(detail)"
        case .tooLarge(let limit): "download failed: body larger than \(limit) bytes"
        case .sha512Mismatch(let expected, let actual, let bytes):
            "sha512 mismatch: expected \(expected), got \(actual) (\(bytes) bytes downloaded)"
        case .invalidSHA512(let value): "invalid sha512 \"\(value)\": expected 128 hexadecimal digits"
        case .unpackFailed(let detail): "unpacking failed: \(detail)"
        case .cacheFailed(let detail): "cache directory failed: \(detail)"
        }
    }
}

extension AssetError {
    /// Whether the asset was not selected because no build's filters passed.
    public var isNoBuildMatched: Bool {
        if case .noBuildMatched = reason { return true }
        return false
    }
}
