import PharosMetrics
import Testing

@Suite struct MetricFormatTests {
    @Test(arguments: MetricFormat.allCases)
    func formatNamesRoundTrip(_ format: MetricFormat) {
        #expect(MetricFormat(rawValue: format.rawValue) == format)
    }

    @Test func diagnosticDescriptionNamesLineAndColumn() {
        #expect(MetricDiagnostic(line: 3, column: 7, message: "bad value").description == "line 3, column 7: bad value")
        #expect(MetricDiagnostic(line: 2, message: "x").description == "line 2: x")
    }
}
