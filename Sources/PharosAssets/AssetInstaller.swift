import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Subprocess
import SystemPackage

/// One download-verify-unpack-install of an asset source into the cache (the work `AssetManager` shares between
/// concurrent callers). Every failure is an `AssetError` naming the asset and the URL.
struct AssetInstaller: Sendable {
    var source: AssetSource
    var cacheDirectory: String
    var httpClient: HTTPClient
    var maximumBytes: Int
    var timeout: Duration
    var logger: Logger

    /// Whether `directory` is a completely installed asset (it holds the marker file).
    static func isInstalled(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(directory)/\(AssetManager.markerFileName)")
    }

    /// Downloads, verifies, unpacks and installs; returns the final directory.
    func run() async throws(AssetError) -> String {
        let final = "\(cacheDirectory)/\(source.sha512)"
        let token = UUID().uuidString.lowercased()
        let archive = "\(cacheDirectory)/.download-\(token)"
        let staging = "\(cacheDirectory)/.staging-\(token)"
        let files = FileManager.default
        defer {
            try? files.removeItem(atPath: archive)
            try? files.removeItem(atPath: staging)
        }
        do {
            try files.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        } catch {
            throw failure(.cacheFailed("cannot create \(cacheDirectory): \(error.localizedDescription)"))
        }
        guard let scheme = URL(string: source.url)?.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw failure(.invalidURL)
        }
        logger.debug("asset download started", metadata: ["asset.name": "\(source.assetName)", "url": "\(source.url)"])
        let (actual, size) = try await downloadWithTimeout(to: archive)
        guard actual == source.sha512 else {
            throw failure(.sha512Mismatch(expected: source.sha512, actual: actual, bytes: size))
        }
        try await unpack(archive, into: staging)
        do {
            try Data("\(source.url)\n".utf8).write(
                to: URL(fileURLWithPath: "\(staging)/\(AssetManager.markerFileName)"))
            if files.fileExists(atPath: final) {
                // Left over from an interrupted install (no marker) or installed meanwhile by another process.
                if Self.isInstalled(final) { return final }
                try files.removeItem(atPath: final)
            }
            try files.moveItem(atPath: staging, toPath: final)
        } catch {
            if Self.isInstalled(final) { return final }
            throw failure(.cacheFailed("cannot install into \(final): \(error.localizedDescription)"))
        }
        return final
    }

    private func failure(_ reason: AssetError.Reason) -> AssetError {
        AssetError(assetName: source.assetName, url: source.url, reason: reason)
    }

    /// Runs `download` racing the timeout; returns the lower-case hex SHA-512 of the body and its size in bytes.
    private func downloadWithTimeout(to path: String) async throws(AssetError) -> (String, Int) {
        let timeout = self.timeout
        do {
            return try await withThrowingTaskGroup(of: (String, Int)?.self) { group in
                group.addTask { try await download(to: path) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let digest = first else {
                    throw failure(.downloadFailed("timed out after \(timeout)"))
                }
                return digest
            }
        } catch let error as AssetError {
            throw error
        } catch {
            throw failure(.downloadFailed(Self.explain(error)))
        }
    }

    /// A short reason for a transfer error: `cannot connect: connection refused`, `cannot connect: no connection
    /// within 5 seconds`, `cannot resolve host "x": …`; other errors as they describe themselves.
    static func explain(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .connectTimeout {
            return "cannot connect: no connection within \(AssetManager.connectTimeout)"
        }
        if let error = error as? NIOConnectionError {
            if let dns = error.dnsAError ?? error.dnsAAAAError {
                return "cannot resolve host \"\(error.host)\": \(dns)"
            }
            if let first = error.connectionErrors.first { return explain(first.error) }
        }
        if let error = error as? IOError {
            let reason =
                error.errnoCode == ECONNREFUSED ? "connection refused" : String(cString: strerror(error.errnoCode))
            return "cannot connect: \(reason)"
        }
        return "\(error)"
    }

    private func download(to path: String) async throws -> (String, Int) {
        var request = HTTPClientRequest(url: source.url)
        for (name, value) in source.headers.sorted(by: { $0.key < $1.key }) {
            request.headers.add(name: name, value: value)
        }
        let response = try await httpClient.execute(request, timeout: .seconds(Int64(timeout.components.seconds)))
        guard (200..<300).contains(response.status.code) else {
            throw failure(.httpStatus(Int(response.status.code)))
        }
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maximumBytes {
            throw failure(.tooLarge(limit: maximumBytes))
        }
        let descriptor = try FileDescriptor.open(
            FilePath(path), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
        defer { try? descriptor.close() }
        var hasher = SHA512()
        var received = 0
        for try await buffer in response.body {
            received += buffer.readableBytes
            guard received <= maximumBytes else { throw failure(.tooLarge(limit: maximumBytes)) }
            try buffer.withUnsafeReadableBytes { bytes in
                hasher.update(bufferPointer: bytes)
                _ = try descriptor.writeAll(bytes)
            }
        }
        let digest = hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        return (digest, received)
    }

    private func unpack(_ archive: String, into directory: String) async throws(AssetError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let gzip = Self.isGzip(archive)
            let result = try await Subprocess.run(
                .name("tar"), arguments: [gzip ? "-xzf" : "-xf", archive, "-C", directory, "--no-same-owner"],
                output: .discarded, error: .string(limit: 64 * 1024))
            guard result.terminationStatus.isSuccess else {
                let detail = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
                throw failure(.unpackFailed(detail.isEmpty ? "tar \(result.terminationStatus)" : detail))
            }
        } catch let error as AssetError {
            throw error
        } catch {
            throw failure(.unpackFailed("\(error)"))
        }
    }

    /// Whether the file starts with the gzip magic bytes `1f 8b`.
    private static func isGzip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 2)) ?? Data()
        return head == Data([0x1f, 0x8b])
    }
}
