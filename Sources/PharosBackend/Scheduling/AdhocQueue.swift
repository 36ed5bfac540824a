/// Hands adhoc execution requests from the REST API to the `Scheduler` (Sensu's `adhocRequest` queue, one lane per
/// backend). Bounded: when `capacity` requests are waiting, new ones are refused and counted.
public final class AdhocQueue: Sendable {
    /// Waiting requests, consumed by the scheduler.
    let requests: AsyncStream<AdhocRequest>
    private let continuation: AsyncStream<AdhocRequest>.Continuation

    /// Creates a queue.
    /// - Parameter capacity: requests waiting before `submit(_:)` refuses (default 1,000).
    public init(capacity: Int = 1000) {
        (requests, continuation) = AsyncStream.makeStream(
            of: AdhocRequest.self, bufferingPolicy: .bufferingOldest(max(1, capacity)))
    }

    /// Queues `request`.
    /// - Returns: `false` when the queue is full or closed (the request was dropped).
    @discardableResult
    public func submit(_ request: AdhocRequest) -> Bool {
        switch continuation.yield(request) {
        case .enqueued: true
        default: false
        }
    }
}
