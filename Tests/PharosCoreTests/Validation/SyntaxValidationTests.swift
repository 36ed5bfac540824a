import PharosCore
import Testing

/// Cron, subdues, filter and asset expressions are compiled during validation, so bad syntax is refused when the
/// resource is created rather than when it is first used.
@Suite struct SyntaxValidationTests {
    static let sha = String(repeating: "ab", count: 64)

    @Test(
        arguments: [
            ("*/5 * * * *", nil),
            ("CRON_TZ=Europe/London 0 9 * * MON-FRI", nil),
            ("0 25 * * *", "cron: cron field 2 (hour): 25 is out of range 0-23"),
        ] as [(String, String?)])
    func cronSyntax(_ cron: String, expected: String?) {
        let check = CheckConfig(metadata: ObjectMeta(name: "c", namespace: "default"), command: "true", cron: cron)
        #expect(message { try check.validate() } == expected)
    }

    @Test func proxyEntityAttributesMustCompile() {
        var check = CheckConfig(
            metadata: ObjectMeta(name: "c", namespace: "default"), command: "true", interval: 10, publish: true)
        check.proxyRequests = ProxyRequests(entityAttributes: ["entity.entity_class == 'proxy'", "entity.x ="])
        let text = message { try check.validate() }
        #expect(text?.hasPrefix("proxy_requests.entity_attributes[1]: column ") == true, "\(text ?? "nil")")
    }

    @Test func subdueWindowsAreValidated() {
        var check = CheckConfig(
            metadata: ObjectMeta(name: "c", namespace: "default"), command: "true", interval: 10, publish: true)
        check.subdues = [SubdueWindow(begin: "not a time", end: "2026-01-01T10:00:00Z", repeat: [])]
        #expect(message { try check.validate() }?.hasPrefix("subdues[0]: ") == true)
        check.subdues = [SubdueWindow(begin: "2026-01-01T08:00:00Z", end: "2026-01-01T10:00:00Z", repeat: ["daily"])]
        #expect(message { try check.validate() } == nil)
    }

    @Test(
        arguments: [
            (["event.check.status != 0"], nil),
            (["event.check.status != "], "expressions[0]: column"),
            (["true", "function() {}"], "expressions[1]: column"),
        ] as [([String], String?)])
    func filterExpressionsMustCompile(_ expressions: [String], expectedPrefix: String?) {
        let filter = EventFilter(
            metadata: ObjectMeta(name: "f", namespace: "default"), action: "allow", expressions: expressions)
        let text = message { try filter.validate() }
        if let expectedPrefix {
            #expect(text?.hasPrefix(expectedPrefix) == true, "\(text ?? "nil")")
        } else {
            #expect(text == nil)
        }
    }

    @Test func assetFiltersMustCompile() {
        var asset = Asset(metadata: ObjectMeta(name: "a", namespace: "default"))
        asset.url = "http://127.0.0.1/a.tar.gz"
        asset.sha512 = Self.sha
        asset.filters = ["entity.system.os == 'linux'"]
        #expect(message { try asset.validate() } == nil)
        asset.filters = ["entity.system.os == 'linux'", "entity.system.arch = 'amd64'"]
        #expect(message { try asset.validate() }?.hasPrefix("filters[1]: column") == true)
    }

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as ValidationError {
            return error.description
        } catch {
            return "unexpected error: \(error)"
        }
    }
}
