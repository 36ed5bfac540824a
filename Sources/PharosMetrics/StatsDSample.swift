public import PharosCore

/// One StatsD measurement parsed from a datagram line, before aggregation.
///
/// Wire forms (etsy/statsd `docs/metric_types.md`, gostatsd, DogStatsD datagram format):
/// - `name:1|c[|@rate]` → ``counter(_:_:sampleRate:tags:)``
/// - `name:5|g` → ``gauge(_:_:tags:)``; `name:+3|g` / `name:-3|g` → ``gaugeDelta(_:_:tags:)``
/// - `name:320|ms[|@rate]` and `name:320|h` (histogram) → ``timer(_:_:sampleRate:tags:)``
/// - `name:abc|s` → ``set(_:_:tags:)``
/// - `|#k:v,k2` (DogStatsD) → `tags`, sorted by name then value, exact duplicates removed.
///
/// Names have already been normalised the way gostatsd does (see ``StatsDParser``). Values are finite.
public enum StatsDSample: Sendable, Hashable {
    /// Adds `value / sampleRate` to the counter `name` for the current flush interval.
    ///
    /// `sampleRate` is the client's sampling probability, in `(0, 1]`.
    case counter(String, Double, sampleRate: Double = 1, tags: [MetricTag] = [])
    /// Sets the gauge `name` to `value`; the gauge keeps that value across flushes.
    case gauge(String, Double, tags: [MetricTag] = [])
    /// Adds `delta` (may be negative) to the gauge `name`, starting from 0 if it has no value yet.
    case gaugeDelta(String, Double, tags: [MetricTag] = [])
    /// Records one timing of `milliseconds` (or, for `|h`/`|d`, one histogram value in the client's unit).
    ///
    /// `sampleRate` in `(0, 1]` scales the reported `count` and `per_second` (one sample counts as `1 / sampleRate`).
    case timer(String, Double, sampleRate: Double = 1, tags: [MetricTag] = [])
    /// Adds `member` to the set `name`; the flush reports the number of distinct members.
    case set(String, String, tags: [MetricTag] = [])

    /// The metric name (the StatsD "bucket").
    public var name: String {
        switch self {
        case .counter(let name, _, _, _), .gauge(let name, _, _), .gaugeDelta(let name, _, _),
            .timer(let name, _, _, _), .set(let name, _, _):
            return name
        }
    }

    /// The DogStatsD tags, sorted by name then value.
    public var tags: [MetricTag] {
        switch self {
        case .counter(_, _, _, let tags), .gauge(_, _, let tags), .gaugeDelta(_, _, let tags),
            .timer(_, _, _, let tags), .set(_, _, let tags):
            return tags
        }
    }
}
