import Foundation
import NIOSSL
import VigilCore

/// Supplies each request's credentials: the `Authorization` header and the TLS configuration
/// (CA, client certificate), re-reading a token file when it changes and re-running an exec
/// plugin when its credential expires or the server answers 401.
actor KubeAuthenticator {
  /// What one request sends.
  struct Credentials: Sendable {
    /// The `Authorization` header value, if any.
    var authorization: String?
    /// The TLS configuration for the connection.
    var tls: TLSConfiguration
  }

  /// The token file as last read, and the file identity it was read at.
  private struct TokenFileState {
    var identity: FileIdentity
    var token: String
  }

  /// Size, modification time and inode: a rotated (or atomically replaced) file changes one.
  private struct FileIdentity: Equatable {
    var size: Int
    var modified: Date
    var inode: Int
  }

  private let configuration: KubeConfiguration
  /// CA, verification mode and the configured client certificate.
  private let baseTLS: TLSConfiguration
  private var tokenFile: TokenFileState?
  private var execCredential: ExecCredential?
  /// The TLS configuration with the exec plugin's client certificate, built once per credential.
  private var execTLS: TLSConfiguration?
  /// The plugin run in progress, shared by concurrent requests.
  private var execRun: Task<ExecCredential, any Error>?
  /// How many times the exec plugin has been run (for logs and tests).
  private(set) var execRuns = 0
  /// The wall clock, injectable for tests of expiry.
  private let now: @Sendable () -> Timestamp

  init(
    configuration: KubeConfiguration, now: @escaping @Sendable () -> Timestamp = { .now() }
  ) throws(KubeClientError) {
    self.configuration = configuration
    self.now = now
    var tls = TLSConfiguration.makeClientConfiguration()
    if configuration.insecureSkipTLSVerify {
      tls.certificateVerification = .none
    } else if let authority = configuration.certificateAuthority {
      let pem = try authority.load()
      tls.trustRoots = .certificates(try Self.certificates(pem, what: "certificate authority"))
    }
    if let client = configuration.clientCertificate {
      try Self.present(
        certificate: client.certificate.load(), key: client.key.load(), in: &tls)
    }
    baseTLS = tls
  }

  /// Whether a 401 may be cured by fetching credentials again (a token file or exec plugin).
  nonisolated var canRefresh: Bool {
    if case .file = configuration.token { return true }
    return configuration.exec != nil
  }

  /// The credentials for the next request.
  func credentials() async throws -> Credentials {
    var tls = baseTLS
    var authorization: String?
    switch configuration.token {
    case .inline(let token): authorization = "Bearer \(token)"
    case .file(let path): authorization = "Bearer \(try readTokenFile(path))"
    case nil: break
    }
    if configuration.exec != nil {
      let credential = try await currentExecCredential()
      if let token = credential.token { authorization = "Bearer \(token)" }
      if let certificate = credential.clientCertificate, let key = credential.clientKey {
        if execTLS == nil {
          var withCertificate = baseTLS
          try Self.present(certificate: certificate, key: key, in: &withCertificate)
          execTLS = withCertificate
        }
        tls = execTLS ?? tls
      }
    }
    return Credentials(authorization: authorization, tls: tls)
  }

  /// Forgets cached credentials after the server rejected them (401).
  func rejected() {
    tokenFile = nil
    execCredential = nil
    execTLS = nil
  }

  /// The token in `path`, re-read when the file's identity changed since the last read.
  private func readTokenFile(_ path: String) throws(KubeClientError) -> String {
    let identity = Self.identity(of: path)
    if let tokenFile, let identity, tokenFile.identity == identity { return tokenFile.token }
    let bytes = try KubeConfiguration.readFile(path, what: "token file")
    let token = String(decoding: bytes, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      throw KubeClientError(.unreadableFile, "token file \(path) is empty")
    }
    if let identity { tokenFile = TokenFileState(identity: identity, token: token) }
    return token
  }

  /// The cached exec credential, or a fresh one when absent or expired.
  private func currentExecCredential() async throws -> ExecCredential {
    if let execCredential, !execCredential.isExpired(at: now()) { return execCredential }
    if let execRun { return try await execRun.value }
    guard let plugin = configuration.exec else {
      throw KubeClientError(.execFailed, "no exec plugin configured")
    }
    execRuns += 1
    // An unstructured task so that concurrent requests share one run of the plugin.
    let run = Task { try await plugin.run() }
    execRun = run
    defer { execRun = nil }
    let credential = try await run.value
    execCredential = credential
    execTLS = nil
    return credential
  }

  private static func identity(of path: String) -> FileIdentity? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.intValue,
      let modified = attributes[.modificationDate] as? Date
    else { return nil }
    let inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? 0
    return FileIdentity(size: size, modified: modified, inode: inode)
  }

  private static func certificates(_ pem: [UInt8], what: String) throws(KubeClientError)
    -> [NIOSSLCertificate]
  {
    do {
      let certificates = try NIOSSLCertificate.fromPEMBytes(pem)
      guard !certificates.isEmpty else {
        throw KubeClientError(.invalidTLSMaterial, "\(what) holds no PEM certificate")
      }
      return certificates
    } catch let error as KubeClientError {
      throw error
    } catch {
      throw KubeClientError(.invalidTLSMaterial, "\(what) is not valid PEM: \(error)")
    }
  }

  private static func present(certificate: [UInt8], key: [UInt8], in tls: inout TLSConfiguration)
    throws(KubeClientError)
  {
    let chain = try certificates(certificate, what: "client certificate")
    let privateKey: NIOSSLPrivateKey
    do {
      privateKey = try NIOSSLPrivateKey(bytes: key, format: .pem)
    } catch {
      throw KubeClientError(.invalidTLSMaterial, "client key is not valid PEM: \(error)")
    }
    tls.certificateChain = chain.map { .certificate($0) }
    tls.privateKey = .privateKey(privateKey)
  }
}
