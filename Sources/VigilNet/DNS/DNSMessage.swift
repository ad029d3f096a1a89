/// A parsed DNS message (RFC 1035): the header, the questions and the answer records Vigil uses.
///
/// Only the answer section is decoded; authority and additional records are not read. Answer
/// records of types other than A, AAAA and CNAME are skipped (their RDLENGTH honoured) and counted.
public struct DNSMessage: Sendable, Hashable {
  /// The fixed 12-byte header.
  public var header: DNSHeader
  /// The question section.
  public var questions: [DNSQuestion]
  /// The A, AAAA and CNAME records of the answer section, in wire order.
  public var answers: [DNSRecord]
  /// How many answer records of other types were skipped.
  public var skippedAnswerCount: Int

  /// Creates a message from its parts.
  public init(
    header: DNSHeader, questions: [DNSQuestion], answers: [DNSRecord], skippedAnswerCount: Int = 0
  ) {
    self.header = header
    self.questions = questions
    self.answers = answers
    self.skippedAnswerCount = skippedAnswerCount
  }
}

/// The DNS header: id, flags and section counts.
public struct DNSHeader: Sendable, Hashable {
  /// The transaction id.
  public var id: UInt16
  /// The raw 16-bit flags word (QR, opcode, AA, TC, RD, RA, Z, RCODE).
  public var flags: UInt16
  /// QDCOUNT.
  public var questionCount: UInt16
  /// ANCOUNT.
  public var answerCount: UInt16
  /// NSCOUNT.
  public var authorityCount: UInt16
  /// ARCOUNT.
  public var additionalCount: UInt16

  /// Creates a header.
  public init(
    id: UInt16, flags: UInt16, questionCount: UInt16, answerCount: UInt16,
    authorityCount: UInt16, additionalCount: UInt16
  ) {
    self.id = id
    self.flags = flags
    self.questionCount = questionCount
    self.answerCount = answerCount
    self.authorityCount = authorityCount
    self.additionalCount = additionalCount
  }

  /// True for a response (QR set), false for a query.
  public var isResponse: Bool { flags & 0x8000 != 0 }
  /// The 4-bit opcode (0 is a standard query).
  public var opcode: UInt8 { UInt8((flags >> 11) & 0x0F) }
  /// True when the server truncated the message (TC set).
  public var isTruncated: Bool { flags & 0x0200 != 0 }
  /// The 4-bit response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED).
  public var responseCode: UInt8 { UInt8(flags & 0x000F) }
  /// True when the response code is NXDOMAIN (3).
  public var isNameError: Bool { responseCode == 3 }
}

/// One entry of the question section.
public struct DNSQuestion: Sendable, Hashable {
  /// The queried name, without the trailing dot (`www.example.com`; the root is `.`).
  public var name: String
  /// QTYPE (1 A, 28 AAAA, 5 CNAME).
  public var type: UInt16
  /// QCLASS (1 IN).
  public var recordClass: UInt16

  /// Creates a question.
  public init(name: String, type: UInt16, recordClass: UInt16) {
    self.name = name
    self.type = type
    self.recordClass = recordClass
  }
}

/// One decoded resource record.
public struct DNSRecord: Sendable, Hashable {
  /// The owner name, without the trailing dot.
  public var name: String
  /// CLASS (1 IN).
  public var recordClass: UInt16
  /// Time to live in seconds, as sent.
  public var ttl: UInt32
  /// The decoded data; its case gives the type.
  public var data: DNSRecordData

  /// Creates a record.
  public init(name: String, recordClass: UInt16, ttl: UInt32, data: DNSRecordData) {
    self.name = name
    self.recordClass = recordClass
    self.ttl = ttl
    self.data = data
  }
}

/// The data of a record type Vigil decodes.
public enum DNSRecordData: Sendable, Hashable {
  /// An IPv4 address in dotted-quad text (`1.2.3.4`).
  case a(String)
  /// An IPv6 address in RFC 5952 text (`2001:db8::1`).
  case aaaa(String)
  /// The canonical name the owner is an alias for, without the trailing dot.
  case cname(String)

  /// The record type number (1, 28 or 5).
  public var type: UInt16 {
    switch self {
    case .a: 1
    case .aaaa: 28
    case .cname: 5
    }
  }
}
