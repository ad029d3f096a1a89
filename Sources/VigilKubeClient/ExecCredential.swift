import Foundation
import VigilCore
import VigilJSON

/// What an exec credential plugin printed: a token and/or a client certificate, and when they
/// expire.
public struct ExecCredential: Sendable, Equatable {
  /// `status.token`.
  public var token: String?
  /// `status.clientCertificateData` (PEM).
  public var clientCertificate: [UInt8]?
  /// `status.clientKeyData` (PEM).
  public var clientKey: [UInt8]?
  /// `status.expirationTimestamp`; nil means valid until the server rejects it.
  public var expiration: Timestamp?

  /// Creates a credential.
  public init(
    token: String? = nil, clientCertificate: [UInt8]? = nil, clientKey: [UInt8]? = nil,
    expiration: Timestamp? = nil
  ) {
    self.token = token
    self.clientCertificate = clientCertificate
    self.clientKey = clientKey
    self.expiration = expiration
  }

  /// Parses an ExecCredential JSON document of `apiVersion`.
  public init(parsing bytes: [UInt8], apiVersion: String) throws(KubeClientError) {
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: bytes)
    } catch {
      throw KubeClientError(.invalidExecCredential, "not JSON: \(error)")
    }
    let root = document.root
    guard root["kind"]?.string == "ExecCredential" else {
      throw KubeClientError(.invalidExecCredential, "kind is not ExecCredential")
    }
    let printed = root["apiVersion"]?.string ?? ""
    guard printed == apiVersion else {
      throw KubeClientError(
        .invalidExecCredential, "apiVersion \(printed) does not match the requested \(apiVersion)")
    }
    guard let status = root["status"], status.kind == .object else {
      throw KubeClientError(.invalidExecCredential, "no status")
    }
    token = status["token"]?.string.flatMap { $0.isEmpty ? nil : $0 }
    clientCertificate = status["clientCertificateData"]?.string.map { Array($0.utf8) }
    clientKey = status["clientKeyData"]?.string.map { Array($0.utf8) }
    if let text = status["expirationTimestamp"]?.string {
      guard let expiration = Timestamp(rfc3339: text) else {
        throw KubeClientError(.invalidExecCredential, "bad expirationTimestamp \(text)")
      }
      self.expiration = expiration
    } else {
      expiration = nil
    }
    guard token != nil || (clientCertificate != nil && clientKey != nil) else {
      throw KubeClientError(
        .invalidExecCredential, "status has neither a token nor a client certificate and key")
    }
    guard (clientCertificate == nil) == (clientKey == nil) else {
      throw KubeClientError(
        .invalidExecCredential, "clientCertificateData and clientKeyData must come together")
    }
  }

  /// Whether the credential has expired at `now`.
  public func isExpired(at now: Timestamp) -> Bool {
    guard let expiration else { return false }
    return expiration <= now
  }
}
