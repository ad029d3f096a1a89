import Testing
import VigilDetect

@testable import VigilPipeline

@Suite("ThreatFeedSpec")
struct ThreatFeedSpecTests {
  @Test("formats come from the option, the column or the file's extension")
  func formats() throws {
    let stix = try ThreatFeedSpec.parse("acme=/etc/vigil/feeds/acme.json")
    #expect(stix.name == "acme" && stix.location == .file("/etc/vigil/feeds/acme.json"))
    #expect(stix.format == .stix)
    let csv = try ThreatFeedSpec.parse("urlhaus=https://urlhaus.example/csv.txt,column=url")
    #expect(csv.location == .url("https://urlhaus.example/csv.txt"))
    #expect(csv.format == .csv(.init(column: .name("url"))))
    #expect(csv.reloadInterval == .seconds(3600))
    let text = try ThreatFeedSpec.parse("ips=/feeds/ips.txt")
    #expect(text.format == .text && text.reloadInterval == .seconds(30))
    #expect(try ThreatFeedSpec.parse("x=/f.csv").format == .csv(.init(column: .index(0))))
    #expect(try ThreatFeedSpec.parse("x=/f.data,format=stix").format == .stix)
  }

  @Test("bad specs say what is wrong")
  func failures() {
    for spec in ["/no/name.txt", "=/x", "x=", "x=/f,format=yaml", "x=/f,colour=red", "x=/f,junk"] {
      #expect(throws: ThreatFeedSpec.Failure.self, "\(spec)") { try ThreatFeedSpec.parse(spec) }
    }
  }
}
