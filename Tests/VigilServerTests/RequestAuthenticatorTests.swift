import Testing

@testable import VigilServer

/// Token parsing and comparison.
@Suite struct RequestAuthenticatorTests {
  @Test func bearerTokensAreParsedCaseInsensitively() {
    #expect(RequestAuthenticator.bearerToken(in: "Bearer abc") == Array("abc".utf8))
    #expect(RequestAuthenticator.bearerToken(in: "bearer   abc ") == Array("abc".utf8))
    #expect(RequestAuthenticator.bearerToken(in: "Basic abc") == nil)
    #expect(RequestAuthenticator.bearerToken(in: "Bearer") == nil)
    #expect(RequestAuthenticator.bearerToken(in: "Bearer ") == nil)
  }

  @Test func comparisonNeedsEveryByteAndTheLength() {
    let expected = Array("token-123".utf8)
    #expect(RequestAuthenticator.constantTimeEquals(expected, expected))
    #expect(!RequestAuthenticator.constantTimeEquals(Array("token-124".utf8), expected))
    #expect(!RequestAuthenticator.constantTimeEquals(Array("token-12".utf8), expected))
    #expect(!RequestAuthenticator.constantTimeEquals(Array("token-1234".utf8), expected))
    #expect(!RequestAuthenticator.constantTimeEquals([], expected))
  }

  @Test func anyConfiguredTokenMatches() {
    let authenticator = RequestAuthenticator(.init(bearerTokens: ["a-token", "b-token"]))
    #expect(authenticator.matchesAnyToken(Array("a-token".utf8)))
    #expect(authenticator.matchesAnyToken(Array("b-token".utf8)))
    #expect(!authenticator.matchesAnyToken(Array("c-token".utf8)))
  }
}
