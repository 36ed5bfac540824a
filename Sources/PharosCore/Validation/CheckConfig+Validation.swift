import Foundation

extension CheckConfig {
    /// The metric formats a check may declare in `output_metric_format` (reference §6).
    public static let outputMetricFormats: Set<String> = [
        "nagios_perfdata", "graphite_plaintext", "influxdb_line", "opentsdb_line", "prometheus_text",
    ]

    /// The status types allowed as `check_hooks` keys besides `"0"`–`"255"` (reference §1.7).
    public static let hookSeverities: Set<String> = ["ok", "warning", "critical", "unknown", "non-zero"]

    /// Validates the check definition (Sensu Go `CheckConfig.Validate`, reference §1.5), including the cron
    /// expression's syntax (`CronSchedule`), `subdues` windows (`SubdueWindow.validate()`) and the JavaScript of
    /// `proxy_requests.entity_attributes` (`FilterExpression`).
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        if !cron.isEmpty, interval > 0 {
            throw ValidationError(field: "cron", message: "must only specify either an interval or a cron schedule")
        }
        if publish, interval == 0, cron.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(field: "interval", message: "must be greater than 0 unless cron is set")
        }
        if !cron.isEmpty {
            do {
                _ = try CronSchedule(cron)
            } catch {
                throw ValidationError(field: "cron", message: error.description)
            }
        }
        for (index, window) in subdues.enumerated() {
            do {
                try window.validate()
            } catch {
                throw ValidationError(field: "subdues[\(index)]", message: error.description)
            }
        }
        if ttl < 0 { throw ValidationError(field: "ttl", message: "must not be negative") }
        if ttl > 0, ttl <= Int64(interval) {
            throw ValidationError(field: "ttl", message: "must be greater than the interval (\(interval) s)")
        }
        if ttl > 0, ttl < 5 { throw ValidationError(field: "ttl", message: "must be at least 5 seconds") }
        if lowFlapThreshold != 0, highFlapThreshold != 0, lowFlapThreshold >= highFlapThreshold {
            throw ValidationError(
                field: "low_flap_threshold",
                message: "must be lower than high_flap_threshold (\(highFlapThreshold))")
        }
        if !outputMetricFormat.isEmpty, !Self.outputMetricFormats.contains(outputMetricFormat) {
            throw ValidationError(
                field: "output_metric_format",
                message:
                    "\"\(outputMetricFormat)\" is not one of \(Self.outputMetricFormats.sorted().joined(separator: ", "))"
            )
        }
        try ResourceValidation.envVars(envVars)
        try ResourceValidation.nonEmptyEntries(subscriptions, field: "subscriptions")
        if !proxyEntityName.isEmpty { try NameRule.resource.check(proxyEntityName, field: "proxy_entity_name") }
        if let proxyRequests {
            if proxyRequests.splayCoverage > 100 {
                throw ValidationError(field: "proxy_requests.splay_coverage", message: "must be between 0 and 100")
            }
            for (index, source) in proxyRequests.entityAttributes.enumerated() {
                do {
                    _ = try FilterExpression(source)
                } catch {
                    throw ValidationError(
                        field: "proxy_requests.entity_attributes[\(index)]", message: error.description)
                }
            }
            if proxyRequests.splay, proxyRequests.splayCoverage == 0 {
                throw ValidationError(
                    field: "proxy_requests.splay_coverage", message: "must be greater than 0 when splay is true")
            }
        }
        for (index, list) in checkHooks.enumerated() where !Self.isHookType(list.type) {
            throw ValidationError(
                field: "check_hooks[\(index)]",
                message: "\"\(list.type)\" is not a hook type (0-255, ok, warning, critical, unknown, non-zero)")
        }
        if maxOutputSize < 0 { throw ValidationError(field: "max_output_size", message: "must not be negative") }
        if let subdue { try ResourceValidation.timeWindow(subdue, field: "subdue") }
        for (index, threshold) in outputMetricThresholds.enumerated() where threshold.name.isEmpty {
            throw ValidationError(field: "output_metric_thresholds[\(index)].name", message: "must not be empty")
        }
        try ResourceValidation.references(pipelines, type: "Pipeline", field: "pipelines")
    }

    /// Whether `type` is a valid `check_hooks` key: `"0"`–`"255"` or a severity name.
    static func isHookType(_ type: String) -> Bool {
        if hookSeverities.contains(type) { return true }
        guard !type.isEmpty, type.count <= 3, type.allSatisfy(\.isASCII), let code = Int(type) else { return false }
        return (0...255).contains(code)
    }
}
