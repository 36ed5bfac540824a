import Foundation
import Testing

/// `wss://` to a real backend with a certificate signed by a test CA (made with openssl): the right CA file is
/// accepted, a wrong one refused, `--insecure-skip-tls-verify` accepted; mTLS: a client certificate signed by the
/// backend's agent-auth CA is accepted (its CN is the user), none or one from another CA refused.
@Suite(.serialized) struct AgentTLSTests {
    /// Runs openssl in `directory`.
    static func openssl(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "openssl \(arguments) failed")
    }

    /// A CA, a second unrelated CA, and a backend certificate for localhost/127.0.0.1 signed by the first.
    static func makeCertificates(in directory: URL) throws {
        for ca in ["ca", "wrong-ca"] {
            try openssl(
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days",
                    "2", "-subj", "/CN=\(ca)", "-keyout", "\(ca).key", "-out", "\(ca).crt",
                ], in: directory)
        }
        try openssl(
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                "/CN=localhost", "-keyout", "backend.key", "-out", "backend.csr",
            ], in: directory)
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(
            to: directory.appendingPathComponent("san.ext"), atomically: true, encoding: .utf8)
        try openssl(
            [
                "x509", "-req", "-in", "backend.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "backend.crt",
            ], in: directory)
    }

    /// Client certificates for the user `agent` (the backend's default agent user): `client` signed by `ca`,
    /// `rogue` by `wrong-ca`; `ghost` (signed by `ca`) names a user that does not exist.
    static func makeClientCertificates(in directory: URL) throws {
        for (name, ca, user) in [("client", "ca", "agent"), ("rogue", "wrong-ca", "agent"), ("ghost", "ca", "ghost")] {
            try openssl(
                [
                    "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                    "/CN=\(user)", "-keyout", "\(name).key", "-out", "\(name).csr",
                ], in: directory)
            try openssl(
                [
                    "x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).crt", "-CAkey", "\(ca).key", "-CAcreateserial",
                    "-days", "2", "-out", "\(name).crt",
                ], in: directory)
        }
    }

    @Test func clientCertificateAcceptedWithoutPasswordMissingOrForeignCertificateRefused() async throws {
        let tls = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-mtls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tls) }
        try Self.makeCertificates(in: tls)
        try Self.makeClientCertificates(in: tls)
        func path(_ name: String) -> String { tls.appendingPathComponent(name).path }
        let backend = try BackendProcess(extraArguments: [
            "--agent-auth-cert-file", path("backend.crt"), "--agent-auth-key-file", path("backend.key"),
            "--agent-auth-trusted-ca-file", path("ca.crt"),
        ])
        try await backend.start()
        let url = "wss://localhost:\(backend.agentPort)"

        // The password is wrong on purpose: with a certificate, no password is sent or needed.
        let certified = try AgentProcess(
            name: "mtls-ok",
            arguments: [
                "--backend-url", url, "--trusted-ca-file", path("ca.crt"), "--cert-file", path("client.crt"),
                "--key-file", path("client.key"), "--password", "not-the-password",
            ])
        #expect(try await certified.waitForHealth(200, seconds: 20), "mTLS agent did not connect:\n\(certified.log)")
        #expect(
            try certified.postEvent(#"{"check":{"metadata":{"name":"mtls-check"},"output":"hi","status":1}}"#).status
                == 202)

        let missing = try AgentProcess(
            name: "mtls-none", arguments: ["--backend-url", url, "--trusted-ca-file", path("ca.crt")])
        let foreign = try AgentProcess(
            name: "mtls-rogue",
            arguments: [
                "--backend-url", url, "--trusted-ca-file", path("ca.crt"), "--cert-file", path("rogue.crt"),
                "--key-file", path("rogue.key"),
            ])
        let ghost = try AgentProcess(
            name: "mtls-ghost",
            arguments: [
                "--backend-url", url, "--trusted-ca-file", path("ca.crt"), "--cert-file", path("ghost.crt"),
                "--key-file", path("ghost.key"),
            ])
        let ghostReason = #"backend refused credentials (401): client certificate user "ghost" does not exist"#
        for _ in 0..<100 where !ghost.log.contains(ghostReason) {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(ghost.log.contains(ghostReason), "\(ghost.log.suffix(2000))")
        #expect(ghost.health() == 503)
        #expect(ghost.stop() == 0)

        var stored: (status: Int, body: String) = (0, "")
        for _ in 0..<50 {
            stored = try backend.api("GET", "/api/core/v2/namespaces/default/events/mtls-ok/mtls-check")
            if stored.status == 200 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(stored.status == 200)
        #expect(stored.body.contains(#""output":"hi""#))
        let keepalive = try backend.api("GET", "/api/core/v2/namespaces/default/events/mtls-ok/keepalive")
        #expect(keepalive.status == 200)

        for refused in [missing, foreign] {
            #expect(refused.health() == 503)
            #expect(refused.log.contains("cannot connect to backend"), "\(refused.log.suffix(2000))")
            #expect(
                refused.log.lowercased().contains("certificate"), "no certificate reason:\n\(refused.log.suffix(2000))")
        }
        for name in ["mtls-none", "mtls-rogue"] {
            #expect(try backend.api("GET", "/api/core/v2/namespaces/default/entities/\(name)").status == 404)
        }
        print(
            "no client certificate:", missing.log.split(separator: "\n").first { $0.contains("cannot connect") } ?? "")
        print(
            "foreign client certificate:",
            foreign.log.split(separator: "\n").first { $0.contains("cannot connect") } ?? "")
        #expect(certified.stop() == 0)
        #expect(missing.stop() == 0)
        #expect(foreign.stop() == 0)
    }

    @Test(arguments: [
        (["--agent-auth-crl-urls", "http://127.0.0.1/crl"], "--agent-auth-crl-urls is not supported"),
        (["--agent-auth-trusted-ca-file", "/tmp/ca.crt"], "--agent-auth-trusted-ca-file needs"),
        (["--agent-auth-cert-file", "/tmp/a.crt"], "--agent-auth-cert-file and --agent-auth-key-file must be given"),
    ])
    func invalidAgentAuthSettingsFailAtStart(arguments: [String], message: String) throws {
        let (status, output) = try Binaries.run(
            "pharos-backend", ["start", "--state-dir", "/nonexistent-pharos-state"] + arguments)
        #expect(status != 0)
        #expect(output.contains(message), "\(output)")
    }

    @Test func agentAuthSettingsComeFromTheEnvironmentToo() throws {
        let (status, output) = try Binaries.run(
            "pharos-backend", ["start", "--state-dir", "/nonexistent-pharos-state"],
            environment: ["SENSU_BACKEND_AGENT_AUTH_CRL_URLS": "http://127.0.0.1/crl"])
        #expect(status != 0)
        #expect(output.contains("--agent-auth-crl-urls is not supported"), "\(output)")
    }

    @Test func trustedCAAcceptedWrongCARefusedInsecureSkipAccepted() async throws {
        let tls = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tls) }
        try Self.makeCertificates(in: tls)
        let backend = try BackendProcess(extraArguments: [
            "--cert-file", tls.appendingPathComponent("backend.crt").path, "--key-file",
            tls.appendingPathComponent("backend.key").path,
        ])
        try await backend.start()
        let url = "wss://localhost:\(backend.agentPort)"

        let trusted = try AgentProcess(
            name: "tls-ok",
            arguments: ["--backend-url", url, "--trusted-ca-file", tls.appendingPathComponent("ca.crt").path])
        #expect(try await trusted.waitForHealth(200, seconds: 20), "CA-verified agent did not connect:\n\(trusted.log)")

        let wrong = try AgentProcess(
            name: "tls-wrong",
            arguments: ["--backend-url", url, "--trusted-ca-file", tls.appendingPathComponent("wrong-ca.crt").path])
        try await Task.sleep(for: .seconds(4))
        #expect(wrong.health() == 503)
        #expect(wrong.log.contains("cannot connect to backend"))
        #expect(wrong.log.lowercased().contains("certificate"), "no certificate reason logged:\n\(wrong.log)")

        let insecure = try AgentProcess(
            name: "tls-insecure",
            arguments: ["--backend-url", "wss://127.0.0.1:\(backend.agentPort)", "--insecure-skip-tls-verify"])
        #expect(try await insecure.waitForHealth(200, seconds: 20), "insecure agent did not connect:\n\(insecure.log)")

        let (status, _) = try backend.api("GET", "/api/core/v2/namespaces/default/entities/tls-wrong")
        #expect(status == 404)
        #expect(trusted.stop() == 0)
        #expect(wrong.stop() == 0)
        #expect(insecure.stop() == 0)
    }
}
