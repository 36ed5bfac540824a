/// What ``StatsDParser/parse(_:)`` found in one datagram: the samples of every valid line, in datagram order, plus
/// one ``MetricDiagnostic`` per rejected line.
public struct StatsDParseResult: Sendable, Hashable {
    /// Samples in datagram order; a line with several values (`name:1:2|c`) contributes one sample per value.
    public var samples: [StatsDSample]
    /// One diagnostic per rejected line; `line` is 1-based within the datagram, `column` is a UTF-8 byte column.
    public var diagnostics: [MetricDiagnostic]

    /// - Parameters:
    ///   - samples: Parsed samples.
    ///   - diagnostics: Rejected lines.
    public init(samples: [StatsDSample] = [], diagnostics: [MetricDiagnostic] = []) {
        self.samples = samples
        self.diagnostics = diagnostics
    }
}
