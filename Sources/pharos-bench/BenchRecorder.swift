import Foundation
import PharosBackend
import PharosCore

/// The pipeline of the benchmark backend: records, for every stored event, the time from the loader's send (Unix
/// nanoseconds carried in `check.output`) to the pipeline (after the store write), and the failing keepalives seen.
final class BenchRecorder: EventPipeline, @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var stored = 0
    private var keepaliveFailures: [String: Double] = [:]

    func handle(_ event: Event) async {
        let now = Clock.nanoseconds()
        guard let check = event.check else { return }
        if check.metadata.name == "keepalive" {
            if check.status != 0, let name = event.entity?.metadata.name {
                lock.withLock { if keepaliveFailures[name] == nil { keepaliveFailures[name] = Double(now) / 1e9 } }
            }
            return
        }
        let sent = UInt64(check.output) ?? 0
        lock.withLock {
            stored += 1
            if sent > 0, now >= sent { latencies.append(Double(now - sent) / 1e6) }
        }
    }

    /// Events stored so far.
    var storedCount: Int { lock.withLock { stored } }
    /// Latencies in milliseconds, and resets them.
    func takeLatencies() -> [Double] {
        lock.withLock {
            defer { latencies = [] }; return latencies
        }
    }
    /// First failing keepalive per entity, Unix seconds.
    var failures: [String: Double] { lock.withLock { keepaliveFailures } }
}

enum Clock {
    /// Wall clock, Unix nanoseconds.
    static func nanoseconds() -> UInt64 {
        UInt64(Date().timeIntervalSince1970 * 1e9)
    }
}
