public import NIOSSL

extension AgentGatewayConfiguration {
    /// A server TLS configuration from PEM files (`--cert-file`/`--key-file` or `--agent-auth-cert-file`/
    /// `--agent-auth-key-file`, `--trusted-ca-file`, `--agent-auth-trusted-ca-file`).
    ///
    /// Without `clientCAFile` agents are authenticated by Basic credentials and no client certificate is requested.
    /// With it (mTLS, Sensu Go `agent-auth-trusted-ca-file`) every agent must present a certificate signed by that CA
    /// (the TLS handshake fails otherwise, before any HTTP is read); the certificate's subject common name is the
    /// agent's user, and no password is needed (Basic credentials on such a connection are ignored).
    /// - Parameters:
    ///   - certificateFile: PEM certificate chain.
    ///   - keyFile: PEM private key.
    ///   - trustedCAFile: Optional PEM CA bundle added to the trust roots.
    ///   - clientCAFile: Optional PEM CA bundle that agents' client certificates must chain to; turns on mTLS.
    /// - Throws: `NIOSSLError` naming the file that cannot be read or parsed.
    public static func serverTLS(
        certificateFile: String, keyFile: String, trustedCAFile: String? = nil, clientCAFile: String? = nil
    ) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if let trustedCAFile, !trustedCAFile.isEmpty {
            tls.trustRoots = .file(trustedCAFile)
        }
        if let clientCAFile, !clientCAFile.isEmpty {
            // Only the agent-auth CA may vouch for agents: it replaces (not extends) the trust roots.
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCAFile))
            tls.certificateVerification = .noHostnameVerification
        }
        return tls
    }

    /// Whether agents authenticate with client certificates (mTLS): the TLS configuration verifies them.
    public var authenticatesClientCertificates: Bool {
        guard let tls else { return false }
        return tls.certificateVerification == .noHostnameVerification
            || tls.certificateVerification == .fullVerification
    }
}
