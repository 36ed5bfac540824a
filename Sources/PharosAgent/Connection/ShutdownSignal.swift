import Synchronization

/// A one-shot signal that graceful shutdown has begun. ServiceLifecycle's task-local shutdown state does not reach
/// code the WebSocket client runs on its own tasks, so the connection carries it there explicitly.
final class ShutdownSignal: Sendable {
    private struct State {
        var triggered = false
        var triggeredAt: ContinuousClock.Instant?
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Whether ``trigger()`` was called.
    var isTriggered: Bool { state.withLock { $0.triggered } }

    /// When ``trigger()`` was first called.
    var triggeredAt: ContinuousClock.Instant? { state.withLock { $0.triggeredAt } }

    /// Wakes every waiter, now and later.
    func trigger() {
        let waiters = state.withLock { state in
            if !state.triggered { state.triggeredAt = .now }
            state.triggered = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when the signal is triggered or the task is cancelled.
    func wait() async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.triggered || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
