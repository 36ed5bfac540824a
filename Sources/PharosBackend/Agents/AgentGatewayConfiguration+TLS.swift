public import NIOSSL

extension AgentGatewayConfiguration {
    /// A server TLS configuration from PEM files (`--cert-file`, `--key-file`, `--trusted-ca-file`). Agents are
    /// authenticated by Basic credentials, so client certificates are not requested.
    /// - Parameters:
    ///   - certificateFile: PEM certificate chain.
    ///   - keyFile: PEM private key.
    ///   - trustedCAFile: Optional PEM CA bundle added to the trust roots.
    /// - Throws: `NIOSSLError` naming the file that cannot be read or parsed.
    public static func serverTLS(certificateFile: String, keyFile: String, trustedCAFile: String? = nil) throws
        -> TLSConfiguration
    {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if let trustedCAFile, !trustedCAFile.isEmpty {
            tls.trustRoots = .file(trustedCAFile)
        }
        return tls
    }
}
