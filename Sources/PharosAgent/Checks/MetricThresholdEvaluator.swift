import Foundation
public import PharosCore

/// Evaluates a check's `output_metric_thresholds` against its metric points (Sensu Go 6.5+, reference §6.7).
public enum MetricThresholdEvaluator {
    /// The outcome: the status the thresholds call for and the event annotations describing each rule.
    public struct Outcome: Sendable, Hashable {
        /// The highest status of a breached threshold or a missing metric's `null_status` (0 when none).
        public var status: UInt32
        /// `sensu.io/output_metric_thresholds/...` and `sensu.io/notifications/...` annotations.
        public var annotations: [String: String]
    }

    /// The status name used in annotation keys: ok, warning, critical, unknown.
    static func statusName(_ status: UInt32) -> String {
        switch status {
        case 0: "ok"
        case 1: "warning"
        case 2: "critical"
        default: "unknown"
        }
    }

    /// Evaluates `thresholds` over `points`. A rule matches points with its name and all of its tags; a value below
    /// `min` or above `max` calls for the threshold's status (the highest wins); no matching point calls for
    /// `null_status` when it is above 0.
    public static func evaluate(_ thresholds: [MetricThreshold], points: [MetricPoint]) -> Outcome {
        var outcome = Outcome(status: 0, annotations: [:])
        var winning: (status: UInt32, message: String)?
        for rule in thresholds {
            let matching = points.filter { point in
                point.name == rule.name
                    && rule.tags.allSatisfy { tag in
                        point.tags.contains { $0.name == tag.name && $0.value == tag.value }
                    }
            }
            let tagValues = rule.tags.map(\.value)
            let path = ([rule.name] + tagValues).joined(separator: ".")
            let tagText = rule.tags.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            let subject = tagText.isEmpty ? rule.name : "\(rule.name) (\(tagText))"
            if matching.isEmpty {
                if rule.nullStatus > 0 {
                    let name = statusName(rule.nullStatus)
                    let message = "The metric \(subject) was not in the check output (null_status \(rule.nullStatus))."
                    outcome.annotations["sensu.io/output_metric_thresholds/\(path)/null-status/\(name)"] = message
                    if rule.nullStatus > outcome.status { winning = (rule.nullStatus, message) }
                    outcome.status = max(outcome.status, rule.nullStatus)
                }
                continue
            }
            for point in matching {
                for threshold in rule.thresholds {
                    for (measure, limit) in [("min", threshold.min), ("max", threshold.max)] where !limit.isEmpty {
                        guard let bound = Double(limit) else { continue }
                        let breached = measure == "min" ? point.value < bound : point.value > bound
                        let status = breached ? threshold.status : 0
                        let verb = breached ? (measure == "min" ? "fell below" : "exceeded") : "is within"
                        let message =
                            "The value of \(subject) \(verb) the configured threshold (\(measure): \(limit), "
                            + "actual: \(format(point.value)))."
                        outcome.annotations[
                            "sensu.io/output_metric_thresholds/\(path)/\(measure)/\(statusName(status))"] = message
                        if status > outcome.status {
                            winning = (status, message)
                            outcome.status = status
                        }
                    }
                }
            }
        }
        if let winning {
            outcome.annotations["sensu.io/notifications/output_metric_thresholds"] = winning.message
        }
        return outcome
    }

    /// A value without a needless `.0`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
