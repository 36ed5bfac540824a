import PharosCore
import Testing

@Suite struct SilenceExpiryPolicyTests {
    static let now: Int64 = 1_700_000_000

    // (begin, expire, expire_at) at `now` with Sensu 6.12's defaults (1440 min default and maximum).
    @Test(
        arguments: [
            (0, 0, 0, SilenceTiming(begin: now, expireAt: now + 86_400)),
            (0, -1, 0, SilenceTiming(begin: now, expireAt: now + 86_400)),
            (0, 3_600, 0, SilenceTiming(begin: now, expireAt: now + 3_600)),
            (0, 86_400, 0, SilenceTiming(begin: now, expireAt: now + 86_400)),
            (now + 600, 3_600, 0, SilenceTiming(begin: now + 600, expireAt: now + 4_200)),
            (now - 600, 3_600, 0, SilenceTiming(begin: now - 600, expireAt: now + 3_600)),
            (now + 600, 0, 0, SilenceTiming(begin: now + 600, expireAt: now + 600 + 86_400)),
            (0, 0, now + 7_200, SilenceTiming(begin: now, expireAt: now + 7_200)),
            (0, 60, now + 7_200, SilenceTiming(begin: now, expireAt: now + 7_200)),
            (now + 100, 0, now + 100 + 86_400, SilenceTiming(begin: now + 100, expireAt: now + 100 + 86_400)),
        ] as [(Int64, Int64, Int64, SilenceTiming)])
    func resolvesTiming(begin: Int64, expire: Int64, expireAt: Int64, expected: SilenceTiming) throws {
        let timing = try SilenceExpiryPolicy.sensuDefault.timing(
            begin: begin, expire: expire, expireAt: expireAt, now: Self.now)
        #expect(timing == expected)
    }

    @Test(
        arguments: [
            (0, 86_401, 0, SilenceExpiryError.tooLong(field: "expire", seconds: 86_401, maximumSeconds: 86_400)),
            (0, 0, now + 86_401, .tooLong(field: "expire_at", seconds: 86_401, maximumSeconds: 86_400)),
            (now + 100, 0, now + 100 + 86_401, .tooLong(field: "expire_at", seconds: 86_401, maximumSeconds: 86_400)),
            (0, 0, now, .expireAtNotAfterStart(expireAt: now, start: now)),
            (0, 0, now - 5, .expireAtNotAfterStart(expireAt: now - 5, start: now)),
            (now + 600, 0, now + 300, .expireAtNotAfterStart(expireAt: now + 300, start: now + 600)),
            (-1, 0, 0, .negative(field: "begin", value: -1)),
            (0, 0, -3, .negative(field: "expire_at", value: -3)),
            (0, -2, 0, .invalidExpire(-2)),
        ] as [(Int64, Int64, Int64, SilenceExpiryError)])
    func rejectsBadTiming(begin: Int64, expire: Int64, expireAt: Int64, error: SilenceExpiryError) {
        #expect(throws: error) {
            try SilenceExpiryPolicy.sensuDefault.timing(
                begin: begin, expire: expire, expireAt: expireAt, now: Self.now)
        }
    }

    @Test func legacyPolicyAllowsEndlessAndLongSilences() throws {
        let legacy = SilenceExpiryPolicy(defaultExpiry: .zero, maxExpiry: .zero)
        #expect(
            try legacy.timing(begin: 0, expire: 0, expireAt: 0, now: Self.now) == .init(begin: Self.now, expireAt: 0))
        #expect(
            try legacy.timing(begin: 0, expire: 604_800, expireAt: 0, now: Self.now)
                == .init(begin: Self.now, expireAt: Self.now + 604_800))
    }

    @Test func overflowingEndIsRejected() {
        let legacy = SilenceExpiryPolicy(defaultExpiry: .zero, maxExpiry: .zero)
        #expect(throws: SilenceExpiryError.outOfRange(field: "expire")) {
            try legacy.timing(begin: .max - 10, expire: 100, expireAt: 0, now: Self.now)
        }
    }

    @Test func customDefaultExpiryIsUsed() throws {
        let policy = SilenceExpiryPolicy(defaultExpiry: .seconds(1_800), maxExpiry: .seconds(3_600))
        #expect(
            try policy.timing(begin: 0, expire: -1, expireAt: 0, now: Self.now)
                == .init(begin: Self.now, expireAt: Self.now + 1_800))
    }

    @Test(
        arguments: [
            (0, now, -1),
            (now + 30, now, 30),
            (now, now, 0),
            (now - 5, now, 0),
            (now + 4_200, now, 4_200),
        ] as [(Int64, Int64, Int64)])
    func remainingSecondsForTheAPI(expireAt: Int64, at: Int64, expected: Int64) {
        #expect(SilenceExpiryPolicy.remainingSeconds(expireAt: expireAt, now: at) == expected)
        #expect(SilenceRule(subscription: "linux", expireAt: expireAt).remainingSeconds(at: at) == expected)
    }

    @Test func errorDescriptionsNameTheField() {
        #expect(
            SilenceExpiryError.tooLong(field: "expire", seconds: 90_000, maximumSeconds: 86_400).description
                == "silence field \"expire\" gives a duration of 90000 seconds, more than the 86400 seconds allowed")
        #expect(
            SilenceExpiryError.invalidExpire(-2).description
                == "silence field \"expire\" is -2; use a number of seconds, or -1 or 0 for no expiry")
        #expect(SilenceExpiryError.negative(field: "begin", value: -1).description.contains("\"begin\""))
        #expect(SilenceExpiryError.expireAtNotAfterStart(expireAt: 5, start: 9).description.contains("\"expire_at\""))
        #expect(SilenceExpiryError.outOfRange(field: "expire").description.contains("\"expire\""))
    }
}
