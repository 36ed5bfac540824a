import Foundation
public import PharosCore
public import PharosWire

extension AgentEvents {
    /// The label on a check whose output the agent shortened: the number of bytes dropped (Sensu's
    /// `max_output_size` label, here also used for the agent's own output and frame caps).
    public static let outputTruncatedBytesLabel = "sensu.io/output_truncated_bytes"

    /// The label on an event whose metric points did not fit in one frame: the number of points dropped.
    public static let metricPointsDroppedLabel = "pharos.io/metric_points_dropped"

    /// `text` cut to at most `limit` UTF-8 bytes, at a character boundary; `limit` ≤ 0 keeps everything.
    /// - Returns: The kept text and how many bytes were dropped.
    public static func truncate(_ text: String, toBytes limit: Int) -> (text: String, droppedBytes: Int) {
        let count = text.utf8.count
        guard limit > 0, count > limit else { return (text, 0) }
        let bytes = Array(text.utf8)
        var cut = limit
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return (String(decoding: bytes[..<cut], as: UTF8.self), count - cut)
    }

    /// What ``eventFrame(_:limit:)`` had to drop to fit an event in one frame.
    public struct FrameShrink: Sendable, Hashable {
        /// Output bytes dropped to fit (on top of any earlier truncation).
        public var outputBytes = 0
        /// Metric points dropped to fit.
        public var metricPoints = 0

        /// Nothing dropped.
        public init() {}
    }

    /// Encodes `event` as an `event` frame of at most `limit` bytes (default ``AgentFrame/agentMessageLimit``,
    /// below the gateway's default maximum message size), so a huge result is never refused by the backend (which
    /// would otherwise close the connection and lose it).
    ///
    /// When the encoded event is larger, the check output is cut from its end (adding the bytes to
    /// ``outputTruncatedBytesLabel``) and, if the output alone cannot make it fit, metric points are dropped from
    /// the end (counted in ``metricPointsDroppedLabel``).
    /// - Throws: `WireError` when the event cannot be encoded, or still does not fit with no output and no points
    ///   (an entity or check definition larger than the limit).
    public static func eventFrame(
        _ event: Event, limit: Int = AgentFrame.agentMessageLimit
    ) throws(WireError) -> (frame: AgentFrame, shrink: FrameShrink) {
        var event = event
        var shrink = FrameShrink()
        var frame = try AgentFrame.make(.event, event)
        while frame.bytes.count > limit {
            let excess = frame.bytes.count - limit
            if var check = event.check, !check.output.isEmpty {
                // Escaping makes an output byte 1-6 frame bytes: drop `excess` frame bytes' worth at the output's
                // average ratio (plus slack for the label); the loop goes round again if that was not enough.
                let raw = check.output.utf8.count
                let encoded = (try? JSONEncoder().encode(check.output).count) ?? raw
                let ratio = max(1, Double(encoded) / Double(raw))
                let keep = max(0, raw - Int((Double(excess + 64) / ratio).rounded(.up)))
                let cut = keep == 0 ? (String(), check.output.utf8.count) : truncate(check.output, toBytes: keep)
                check.output = cut.text
                shrink.outputBytes += cut.droppedBytes
                let earlier = Int(check.metadata.labels[outputTruncatedBytesLabel] ?? "") ?? 0
                check.metadata.labels[outputTruncatedBytesLabel] = String(earlier + cut.droppedBytes)
                event.check = check
            } else if var metrics = event.metrics, !metrics.points.isEmpty {
                let drop = max(1, metrics.points.count / 2)
                metrics.points.removeLast(drop)
                shrink.metricPoints += drop
                event.metrics = metrics
                event.metadata.labels[metricPointsDroppedLabel] = String(shrink.metricPoints)
            } else {
                throw WireError(
                    "event of \(frame.bytes.count) bytes does not fit in one frame (\(limit) bytes) even without "
                        + "output and metric points")
            }
            frame = try AgentFrame.make(.event, event)
        }
        return (frame, shrink)
    }
}
