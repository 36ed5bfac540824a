import Foundation
import Subprocess

/// A tarball made in the test with the real `tar`: `bin/hello` (a shell script printing `hello from asset`).
struct AssetFixture {
    let directory: String
    let tarball: [UInt8]
    let sha512: String

    static func make() async throws -> AssetFixture {
        let directory = NSTemporaryDirectory() + "pharos-assets-\(UUID().uuidString)"
        let root = "\(directory)/root"
        try FileManager.default.createDirectory(atPath: "\(root)/bin", withIntermediateDirectories: true)
        let script = "#!/bin/sh\necho \"hello from asset $1\"\n"
        try Data(script.utf8).write(to: URL(fileURLWithPath: "\(root)/bin/hello"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(root)/bin/hello")
        let tar = try await Subprocess.run(
            .name("tar"), arguments: ["-czf", "\(directory)/hello.tar.gz", "-C", root, "bin"], output: .discarded)
        guard tar.terminationStatus.isSuccess else { throw FixtureError.tarFailed }
        let sum = try await Subprocess.run(
            .name("sha512sum"), arguments: ["\(directory)/hello.tar.gz"], output: .string(limit: 4096))
        let sha512 = String(sum.standardOutput.prefix(128))
        let tarball = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(directory)/hello.tar.gz")))
        return AssetFixture(directory: directory, tarball: tarball, sha512: sha512)
    }

    /// A fresh, not yet existing cache directory inside the fixture directory.
    func cacheDirectory() -> String { "\(directory)/cache-\(UUID().uuidString)" }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    enum FixtureError: Error { case tarFailed }
}
