/// Parses the durations sensuctl's flags take (Go `time.ParseDuration` units `ms`, `s`, `m`, `h`, or a bare
/// number of seconds).
enum DurationText {
    /// `text` in seconds, or `nil` when it is not a duration.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)) else { continue }
            return value * factor
        }
        return Double(text)
    }
}
