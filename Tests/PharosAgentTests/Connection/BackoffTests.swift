import PharosAgent
import Testing

@Suite struct BackoffTests {
    @Test func delaysGrowAtLeastByTheMultiplierAndStopAtTheMaximum() {
        var backoff = Backoff(minimum: .seconds(1), maximum: .seconds(120), multiplier: 2)
        var delays: [Duration] = []
        for _ in 0..<12 { delays.append(backoff.nextDelay()) }
        #expect(delays.first == .seconds(1))
        for (later, earlier) in zip(delays.dropFirst(), delays) {
            #expect(later >= min(earlier * 2, .seconds(120)))
            #expect(later <= .seconds(120))
        }
        #expect(delays.last == .seconds(120))
        backoff.reset()
        #expect(backoff.nextDelay() == .seconds(1))
    }

    @Test func selectorCyclesThroughOnePermutation() {
        var selector = BackendSelector(urls: ["ws://a:8081", "ws://b:8081", "ws://c:8081"])
        let first = (0..<3).map { _ in selector.next() }
        let second = (0..<3).map { _ in selector.next() }
        #expect(Set(first) == ["ws://a:8081", "ws://b:8081", "ws://c:8081"])
        #expect(first == second)
        #expect(selector.order == first)
    }
}
