import Foundation
import Testing
import VigilCore

@Suite struct Base64Tests {
  @Test func matchesFoundationOnEveryLengthAndRoundTrips() {
    var generator = SystemRandomNumberGenerator()
    for length in 0..<70 {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let text = Base64.encode(bytes)
      #expect(text == Data(bytes).base64EncodedString())
      #expect(Base64.decode(text) == bytes)
    }
    #expect(Base64.encode(Array("Man".utf8)) == "TWFu")
    #expect(Base64.encode(Array("Ma".utf8)) == "TWE=")
  }

  @Test func rejectsWhatIsNotPaddedBase64() {
    for text in ["TWF", "TW=u", "T===", "TWFu!", "=TWF", "TWE=TWFu"] {
      #expect(Base64.decode(text) == nil, "\(text)")
    }
    #expect(Base64.decode("") == [])
  }
}
