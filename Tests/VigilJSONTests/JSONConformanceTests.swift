import Testing
import VigilJSON

/// JSONTestSuite-style cases: `y_` must parse, `n_` must be rejected (with the stated code).
@Suite struct JSONConformanceTests {
  static let accepted: [(String, String)] = [
    ("y_array_empty", "[]"),
    ("y_object_empty", "{}"),
    ("y_array_one", "[1]"),
    ("y_ws_around", " \t\r\n[1]\n "),
    ("y_top_string", #""a""#),
    ("y_top_int", "1"),
    ("y_top_neg_zero", "-0"),
    ("y_top_true", "true"),
    ("y_top_false", "false"),
    ("y_top_null", "null"),
    ("y_frac", "0.5"),
    ("y_exp_plus", "-1.5e+10"),
    ("y_exp_upper_minus", "1E-2"),
    ("y_exp_plain", "1e5"),
    ("y_zero_exp", "[0E0]"),
    ("y_zero_exp_plus", "[0e+1]"),
    ("y_neg_zero_frac_exp", "[-0.0e-0]"),
    ("y_huge_int", "[123456789012345678901234567890]"),
    ("y_huge_exp", "[1e1000]"),
    ("y_literals", "[null,true,false]"),
    ("y_object_simple", #"{"a":1}"#),
    ("y_nested", #"{"a":{"b":[1,2,{"c":null}]}}"#),
    ("y_empty_key", #"{"":0}"#),
    ("y_duplicate_keys", #"{"a":1,"a":2}"#),
    ("y_nested_arrays", "[[[[]]]]"),
    ("y_spaces_everywhere", #" { "a" : 1 , "b" : [ ] , "c" : { } } "#),
    ("y_empty_string", #"[""]"#),
    ("y_escape_nul", #"["\u0000"]"#),
    ("y_surrogate_pair", #"["\ud83d\ude00"]"#),
    ("y_lone_high_surrogate", #"["\uD800"]"#),
    ("y_lone_low_surrogate", #"["\uDEAD"]"#),
    ("y_escaped_solidus", #"["\/"]"#),
    ("y_all_escapes", #"["\"\\\/\b\f\n\r\t"]"#),
    ("y_utf8_raw", #"["é日本😀"]"#),
    ("y_u_escape_upper", #"["\u00E9\uFFFF"]"#),
    ("y_string_with_spaces", #""  ""#),
    ("y_array_mixed", #"[1,"a",{},[],true,null,-2.5]"#),
    ("y_del_in_string", "[\"\u{7F}\"]"),
    ("y_object_in_array", #"[{"a":[{"b":{}}]}]"#),
    ("y_frac_many_digits", "[3.141592653589793238462643383279]"),
  ]

  static let rejected: [(String, String, JSONParseError.Code)] = [
    ("n_empty", "", .empty),
    ("n_only_ws", " \n\t ", .empty),
    ("n_array_trailing_comma", "[1,]", .unexpectedByte(0x5D)),
    ("n_object_trailing_comma", #"{"a":1,}"#, .unexpectedByte(0x7D)),
    ("n_array_leading_comma", "[,1]", .unexpectedByte(0x2C)),
    ("n_array_double_comma", "[1,,2]", .unexpectedByte(0x2C)),
    ("n_array_missing_comma", "[1 2]", .unexpectedByte(0x32)),
    ("n_single_quote_key", "{'a':1}", .unexpectedByte(0x27)),
    ("n_single_quote_string", "['a']", .unexpectedByte(0x27)),
    ("n_nan", "[NaN]", .unexpectedByte(0x4E)),
    ("n_infinity", "[Infinity]", .unexpectedByte(0x49)),
    ("n_minus_infinity", "[-Infinity]", .invalidNumber),
    ("n_leading_zero", "[01]", .invalidNumber),
    ("n_neg_leading_zero", "[-01]", .invalidNumber),
    ("n_frac_no_digits", "[1.]", .invalidNumber),
    ("n_frac_no_int", "[.5]", .unexpectedByte(0x2E)),
    ("n_exp_no_digits", "[1e]", .invalidNumber),
    ("n_exp_sign_no_digits", "[1e+]", .invalidNumber),
    ("n_plus_sign", "[+1]", .unexpectedByte(0x2B)),
    ("n_minus_alone", "[-]", .invalidNumber),
    ("n_double_minus", "[--1]", .invalidNumber),
    ("n_hex_number", "[0x1]", .unexpectedByte(0x78)),
    ("n_two_fracs", "[1.5e3.2]", .unexpectedByte(0x2E)),
    ("n_minus_space", "- 1", .invalidNumber),
    ("n_bad_escape", #"["\x"]"#, .invalidEscape),
    ("n_escape_apostrophe", #"["\'"]"#, .invalidEscape),
    ("n_short_u_escape", #"["\u12"]"#, .invalidUnicodeEscape),
    ("n_bad_hex_u_escape", #"["\u12G4"]"#, .invalidUnicodeEscape),
    ("n_u_escape_then_end", #"["\uD800\u"]"#, .invalidUnicodeEscape),
    ("n_raw_newline", "[\"a\nb\"]", .controlCharacterInString),
    ("n_raw_tab", "[\"\t\"]", .controlCharacterInString),
    ("n_raw_nul", "[\"\u{0}\"]", .controlCharacterInString),
    ("n_trailing_garbage", "[1]x", .trailingContent),
    ("n_two_values", "[1][2]", .trailingContent),
    ("n_extra_close", #"{"a":1}}"#, .trailingContent),
    ("n_two_scalars", "1 2", .trailingContent),
    ("n_key_no_value", #"{"a"}"#, .unexpectedByte(0x7D)),
    ("n_key_no_colon", #"{"a" 1}"#, .unexpectedByte(0x31)),
    ("n_double_colon", #"{"a"::1}"#, .unexpectedByte(0x3A)),
    ("n_unquoted_key", "{a:1}", .unexpectedByte(0x61)),
    ("n_number_key", "{1:1}", .unexpectedByte(0x31)),
    ("n_members_no_comma", #"{"a":1 "b":2}"#, .unexpectedByte(0x22)),
    ("n_object_comma_only", "{,}", .unexpectedByte(0x2C)),
    ("n_object_double_comma", #"{"a":1,,"b":2}"#, .unexpectedByte(0x2C)),
    ("n_open_array", "[", .unexpectedEnd),
    ("n_open_object", "{", .unexpectedEnd),
    ("n_unterminated_string", #"["abc"#, .unexpectedEnd),
    ("n_array_unclosed", "[1", .unexpectedEnd),
    ("n_object_no_value", #"{"a":"#, .unexpectedEnd),
    ("n_truncated_true", "tru", .unexpectedEnd),
    ("n_truncated_null", "[nul", .unexpectedEnd),
    ("n_capital_true", "True", .unexpectedByte(0x54)),
    ("n_true_suffix", #"{"a":truex}"#, .unexpectedByte(0x78)),
    ("n_missing_comma_literals", "[true false]", .unexpectedByte(0x66)),
    ("n_close_bracket", "]", .unexpectedByte(0x5D)),
    ("n_close_brace", "}", .unexpectedByte(0x7D)),
    ("n_mismatched_close", #"{"a":1]"#, .unexpectedByte(0x5D)),
    ("n_mismatched_close_array", "[1}", .unexpectedByte(0x7D)),
    ("n_lone_backslash_string", #""\"#, .unexpectedEnd),
    ("n_comment_block", "/* c */ []", .unexpectedByte(0x2F)),
    ("n_comment_line", "[1] // c", .trailingContent),
    ("n_nbsp_whitespace", "[\u{A0}1]", .unexpectedByte(0xC2)),
    ("n_bom", "\u{FEFF}[]", .unexpectedByte(0xEF)),
    ("n_form_feed_whitespace", "[1\u{0C}]", .unexpectedByte(0x0C)),
    ("n_nul_outside", "[1]\u{0}", .trailingContent),
    ("n_exp_dot", "[1e1.5]", .unexpectedByte(0x2E)),
  ]

  @Test(arguments: accepted.map { $0.0 })
  func accepts(_ name: String) throws {
    let text = try #require(Self.accepted.first { $0.0 == name }?.1)
    let document = try JSONDocument(parsing: text)
    #expect(document.root.byteRange.upperBound <= document.bytes.count)
  }

  @Test(arguments: rejected.map { $0.0 })
  func rejects(_ name: String) throws {
    let (_, text, code) = try #require(Self.rejected.first { $0.0 == name })
    do {
      let document = try JSONDocument(parsing: text)
      Issue.record("\(name) parsed as \(document.root.kind)")
    } catch {
      #expect(error.code == code, "\(name): \(error)")
      #expect(error.offset >= 0 && error.offset <= text.utf8.count)
    }
  }

  @Test func countsAtLeastSixtyCases() {
    #expect(Self.accepted.count + Self.rejected.count >= 60)
  }

  @Test func toleratesInvalidUTF8InStrings() throws {
    let document = try JSONDocument(parsing: [0x22, 0x61, 0xFF, 0xC3, 0x22])
    #expect(document.root.string == "a\u{FFFD}\u{FFFD}")
  }

  @Test func nestingLimit() throws {
    let ok =
      String(repeating: "[", count: JSONIndexer.maxDepth)
      + String(repeating: "]", count: JSONIndexer.maxDepth)
    #expect(try JSONDocument(parsing: ok).root.count == 1)
    let deep = "[" + ok + "]"
    #expect(throws: JSONParseError(code: .tooDeep, offset: JSONIndexer.maxDepth)) {
      try JSONDocument(parsing: deep)
    }
    let objects = String(repeating: #"{"a":"#, count: 100_000)
    #expect(throws: JSONParseError.self) { try JSONDocument(parsing: objects) }
    let arrays = [UInt8](repeating: 0x5B, count: 1_000_000)
    #expect(throws: JSONParseError(code: .tooDeep, offset: JSONIndexer.maxDepth)) {
      try JSONDocument(parsing: arrays)
    }
  }
}
