import Foundation
import Hummingbird

extension Response {
  /// A response with a JSON body.
  static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  /// A response with the body `{"error":"<reason>"}` (the reason JSON-escaped).
  static func jsonError(_ status: HTTPResponse.Status, _ reason: String) -> Response {
    .json(status, ErrorBody.text(reason))
  }
}

/// The JSON body of an error answer.
private struct ErrorBody: Encodable {
  /// What went wrong, for a person.
  var error: String

  /// `{"error":"…"}`; a fixed text if encoding fails (it cannot for a string).
  static func text(_ reason: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(ErrorBody(error: reason)) else {
      return #"{"error":"unencodable reason"}"#
    }
    return String(decoding: data, as: UTF8.self)
  }
}
