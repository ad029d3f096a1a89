import NIOSSL

extension WebhookServer.Configuration {
  /// The NIOSSL server configuration for ``tls`` (nil for plain HTTP), with client-certificate
  /// verification when ``clientCAPath`` is set: required in the handshake
  /// (`.noHostnameVerification`) or, without ``requireClientCertificate``, optional
  /// (`.optionalVerification`: a presented certificate must verify, an absent one is allowed).
  public func makeTLSConfiguration() throws(WebhookServerError) -> TLSConfiguration? {
    guard let tls else { return nil }
    let chain: [NIOSSLCertificate]
    do {
      chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath)
    } catch {
      throw WebhookServerError(
        .unreadableCertificateChain, detail: "\(tls.certificateChainPath): \(error)")
    }
    guard !chain.isEmpty else {
      throw WebhookServerError(
        .unreadableCertificateChain, detail: "\(tls.certificateChainPath): no certificate")
    }
    let key: NIOSSLPrivateKey
    do {
      key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
    } catch {
      throw WebhookServerError(.unreadablePrivateKey, detail: "\(tls.privateKeyPath): \(error)")
    }
    var configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    if let clientCAPath {
      let roots: [NIOSSLCertificate]
      do {
        roots = try NIOSSLCertificate.fromPEMFile(clientCAPath)
      } catch {
        throw WebhookServerError(.unreadableClientCA, detail: "\(clientCAPath): \(error)")
      }
      guard !roots.isEmpty else {
        throw WebhookServerError(.unreadableClientCA, detail: "\(clientCAPath): no certificate")
      }
      configuration.trustRoots = .certificates(roots)
      configuration.certificateVerification =
        requireClientCertificate ? .noHostnameVerification : .optionalVerification
    }
    return configuration
  }

  /// ``makeTLSConfiguration()``, checked by building its `NIOSSLContext` once, so a key that
  /// does not match its certificate fails at startup rather than at the first connection.
  func validatedTLSConfiguration() throws(WebhookServerError) -> TLSConfiguration? {
    guard let tlsConfiguration = try makeTLSConfiguration() else { return nil }
    do {
      _ = try NIOSSLContext(configuration: tlsConfiguration)
    } catch {
      throw WebhookServerError(.invalidTLSConfiguration, detail: "\(error)")
    }
    return tlsConfiguration
  }
}
