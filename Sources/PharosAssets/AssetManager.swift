public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
public import PharosCore

/// Installs runtime assets into a local cache (Sensu Go 6.x agent asset manager, reference §5.7), for the agent's
/// checks and hooks and the backend's handlers and mutators.
///
/// For each asset: choose the build (`AssetSource.select`), reuse `<cache>/<sha512>/` when it holds the install
/// marker, otherwise download it over HTTP(S) with the asset's headers (at most `maximumDownloadBytes`, within
/// `downloadTimeout`), verify its SHA-512, unpack it with `tar` into a temporary directory next to the final one,
/// write the marker there and rename the directory into place — so a crash never leaves a half-installed asset.
/// Concurrent requests for the same tarball share one download.
public actor AssetManager: RuntimeAssetProvider {
    /// Name of the file that marks a completely installed asset directory.
    public static let markerFileName = ".pharos-asset-installed"
    /// Default size cap of one download: 1 GiB.
    public static let defaultMaximumDownloadBytes = 1 << 30
    /// Time allowed to establish the TCP (and TLS) connection of a download: 5 seconds.
    public static let connectTimeout: Duration = .seconds(5)

    /// The client used for downloads unless another is given: a connection that cannot be established within
    /// `connectTimeout`, is refused or whose host does not resolve fails the download at once, instead of being
    /// retried until the download timeout (AsyncHTTPClient's default retries failed connection attempts until the
    /// request's deadline). Redirects are followed (at most 10); bodies are not decompressed (the sha512 is of the
    /// bytes served). Never shut down: it lives as long as the process, like `HTTPClient.shared`.
    public static let downloadClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 10, allowCycles: false),
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(connectTimeout.components.seconds)),
            connectionPool: HTTPClient.Configuration.ConnectionPool())
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The cache directory (absolute path); assets go to `<cacheDirectory>/<sha512>/`.
    public let cacheDirectory: String
    /// Largest tarball accepted, in bytes.
    public let maximumDownloadBytes: Int
    /// Time allowed for one download, from the request to the last byte.
    public let downloadTimeout: Duration

    private let httpClient: HTTPClient
    private let logger: Logger
    private var inFlight: [String: Task<String, any Error>] = [:]
    private var downloadCount = 0

    /// Creates an asset manager.
    /// - Parameters:
    ///   - cacheDirectory: where installed assets live; created on first use.
    ///   - httpClient: the client used for downloads (default `downloadClient`, which fails fast on connection
    ///     errors).
    ///   - logger: receives one `.info` line per installed asset and `.warning`s for failures.
    ///   - maximumDownloadBytes: size cap of one tarball in bytes (default 1 GiB).
    ///   - downloadTimeout: time allowed for one download (default 10 minutes).
    public init(
        cacheDirectory: String, httpClient: HTTPClient = AssetManager.downloadClient, logger: Logger,
        maximumDownloadBytes: Int = AssetManager.defaultMaximumDownloadBytes,
        downloadTimeout: Duration = .seconds(600)
    ) {
        self.cacheDirectory = cacheDirectory
        self.httpClient = httpClient
        self.logger = logger
        self.maximumDownloadBytes = maximumDownloadBytes
        self.downloadTimeout = downloadTimeout
    }

    /// Number of downloads started since creation (cache hits and shared downloads are not counted).
    public var downloadsStarted: Int { downloadCount }

    /// Installs (or finds installed) each asset and returns their directories in the order given.
    ///
    /// An asset without `builds` whose own `filters` do not pass is skipped, as Sensu Go does (one asset per
    /// platform, each filtered to its platform). An asset with `builds` none of whose filters pass fails the command
    /// instead: the command would otherwise run without its tools and fail with a puzzling "not found" (#18 item 16).
    /// - Parameters:
    ///   - assets: the `Asset` resources named by the command's `runtime_assets`, in that order.
    ///   - entity: the entity the asset filters are evaluated against.
    /// - Returns: the environment with one directory per asset.
    /// - Throws: `AssetError` naming the asset, the URL and the reason (`no build matches this entity`, a download
    ///   failure, a hash mismatch, …).
    public func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        var directories: [(name: String, path: String)] = []
        for asset in assets {
            guard let source = try Self.matchingSource(for: asset, entity: entity) else {
                logger.debug(
                    "asset skipped: its filters do not match the entity",
                    metadata: ["asset.name": "\(asset.metadata.name)", "entity.name": "\(entity.metadata.name)"])
                continue
            }
            let path = try await install(source)
            directories.append((name: asset.metadata.name, path: path))
        }
        return AssetEnvironment(assetDirectories: directories)
    }

    /// The build to install, or `nil` when the asset has no builds and its own filters do not pass (the asset is
    /// then skipped).
    /// - Throws: `AssetError`, with reason `.noBuildMatched` when the asset has builds and none matches.
    static func matchingSource(for asset: Asset, entity: Entity) throws(AssetError) -> AssetSource? {
        do {
            return try AssetSource.select(for: asset, entity: entity)
        } catch {
            if error.isNoBuildMatched, asset.builds.isEmpty { return nil }
            throw error
        }
    }

    /// Installs one source (or finds it installed) and returns its directory.
    /// - Throws: `AssetError`.
    public func install(_ source: AssetSource) async throws -> String {
        guard source.sha512.count == 128, source.sha512.allSatisfy(\.isHexDigit) else {
            throw AssetError(assetName: source.assetName, url: source.url, reason: .invalidSHA512(source.sha512))
        }
        let directory = "\(cacheDirectory)/\(source.sha512)"
        if AssetInstaller.isInstalled(directory) { return directory }
        if let running = inFlight[source.sha512] { return try await running.value }
        downloadCount += 1
        let installer = AssetInstaller(
            source: source, cacheDirectory: cacheDirectory, httpClient: httpClient,
            maximumBytes: maximumDownloadBytes, timeout: downloadTimeout, logger: logger)
        // Unstructured on purpose: every caller waiting for this sha512 shares the task; nobody cancels it, it ends
        // when the download and unpacking finish or fail (bounded by `downloadTimeout`).
        let task = Task { try await installer.run() }
        inFlight[source.sha512] = task
        defer { inFlight[source.sha512] = nil }
        do {
            let path = try await task.value
            logger.info(
                "asset installed", metadata: ["asset.name": "\(source.assetName)", "asset.path": "\(path)"])
            return path
        } catch {
            logger.warning(
                "asset installation failed",
                metadata: ["asset.name": "\(source.assetName)", "error": "\(error)"])
            throw error
        }
    }
}
