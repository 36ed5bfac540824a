import ArgumentParser
import Foundation
import PharosCore

/// `pharos-metric-tag-enrichment`: a Sensu pipe mutator. Reads one event as JSON on stdin, adds the tags `entity`,
/// `namespace`, `check` and one per entity label to every metric point (``MetricTagEnrichment``), and writes the
/// event as JSON on stdout. Exits 1 with a message on stderr when the input is not a usable event.
@main
struct MetricTagEnrichmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharos-metric-tag-enrichment",
        abstract: "Sensu pipe mutator: add entity, namespace, check and entity-label tags to every metric point.",
        discussion: """
            Reads a Sensu event (JSON) on stdin and writes it to stdout with tags added to each of \
            metrics.points: entity, namespace, check (when the event has a check) and one tag per entity label. \
            A tag the point already has is kept as it is. All other fields pass through unchanged.
            """
    )

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        do {
            let event = try EventJSON.parse(input)
            let enriched = try MetricTagEnrichment.enrich(event)
            FileHandle.standardOutput.write(Data((EventJSON.text(enriched) + "\n").utf8))
        } catch {
            FileHandle.standardError.write(Data("pharos-metric-tag-enrichment: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
