import Foundation

/// A CA, a server certificate for 127.0.0.1/localhost, a client certificate from that CA, and a
/// rogue CA with its own client certificate, made once per test run with `openssl` (P-256 keys)
/// in a temporary folder.
public struct TestCertificates: Sendable {
  /// The folder holding the PEM files.
  public let directory: URL

  /// The trusted CA's certificate.
  public var caCertificate: String { path("ca.pem") }
  /// The server certificate (SAN IP:127.0.0.1, DNS:localhost), signed by the CA.
  public var serverCertificate: String { path("server.pem") }
  /// The server key.
  public var serverKey: String { path("server.key") }
  /// A client certificate signed by the CA.
  public var clientCertificate: String { path("client.pem") }
  /// Its key.
  public var clientKey: String { path("client.key") }
  /// A client certificate signed by the rogue CA.
  public var rogueClientCertificate: String { path("rogue-client.pem") }
  /// Its key.
  public var rogueClientKey: String { path("rogue-client.key") }

  /// The set made for this test run (generated on first use).
  public static let shared: Result<TestCertificates, CertificateError> = Result {
    () throws(CertificateError) in
    try TestCertificates.generate()
  }

  /// The path of a file in the folder.
  public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Runs the `openssl` commands in a fresh temporary folder.
  public static func generate() throws(CertificateError) -> TestCertificates {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-server-tests-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Self.configuration.write(
        to: directory.appendingPathComponent("openssl.cnf"), atomically: true, encoding: .utf8)
    } catch {
      throw CertificateError(command: "mkdir \(directory.path)", output: "\(error)")
    }
    let certificates = TestCertificates(directory: directory)
    for key in ["ca", "server", "client", "rogue-ca", "rogue-client"] {
      try certificates.openssl([
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "\(key).key",
      ])
    }
    for ca in ["ca", "rogue-ca"] {
      try certificates.openssl([
        "req", "-new", "-x509", "-config", "openssl.cnf", "-extensions", "ca", "-key", "\(ca).key",
        "-subj", "/CN=Vigil test \(ca)", "-days", "2", "-out", "\(ca).pem",
      ])
    }
    let leaves = [
      ("server", "ca", "server", "/CN=localhost"), ("client", "ca", "client", "/CN=kube-apiserver"),
      ("rogue-client", "rogue-ca", "client", "/CN=kube-apiserver"),
    ]
    for (serial, (name, ca, profile, subject)) in leaves.enumerated() {
      try certificates.openssl([
        "req", "-new", "-config", "openssl.cnf", "-key", "\(name).key", "-subj", subject,
        "-out", "\(name).csr",
      ])
      try certificates.openssl([
        "x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key",
        "-set_serial", "\(serial + 2)", "-days", "2", "-extfile", "openssl.cnf",
        "-extensions", profile, "-out", "\(name).pem",
      ])
    }
    return certificates
  }

  /// Runs one `openssl` command in the folder; throws with its output when it fails.
  private func openssl(_ arguments: [String]) throws(CertificateError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    do {
      try process.run()
    } catch {
      throw CertificateError(command: arguments.joined(separator: " "), output: "\(error)")
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CertificateError(command: arguments.joined(separator: " "), output: text)
    }
  }

  /// The extension profiles of the CA, server and client certificates.
  private static let configuration = """
    [req]
    distinguished_name = dn
    prompt = no
    [dn]
    CN = placeholder
    [ca]
    basicConstraints = critical,CA:TRUE
    keyUsage = critical,keyCertSign,cRLSign
    subjectKeyIdentifier = hash
    [server]
    basicConstraints = critical,CA:FALSE
    keyUsage = critical,digitalSignature
    extendedKeyUsage = serverAuth
    subjectAltName = IP:127.0.0.1,DNS:localhost
    authorityKeyIdentifier = keyid
    [client]
    basicConstraints = critical,CA:FALSE
    keyUsage = critical,digitalSignature
    extendedKeyUsage = clientAuth
    authorityKeyIdentifier = keyid

    """
}

/// An `openssl` command failed.
public struct CertificateError: Error, CustomStringConvertible {
  /// The command line.
  public var command: String
  /// What it printed.
  public var output: String
  /// Both.
  public var description: String { "openssl \(command) failed: \(output)" }
}
