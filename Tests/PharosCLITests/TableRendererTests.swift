import Foundation
import PharosCLI
import PharosCore
import Testing

/// Exact output of the tabular renderers.
@Suite struct TableRendererTests {
    let tables = ResourceTables(timeZone: TimeZone(identifier: "UTC") ?? .current)

    @Test func narrowWidthWrapsTitlesAndCutsCells() {
        let table = Table(headers: ["Name", "Metric Handlers"], rows: [["check-nginx-with-a-long-name", "influxdb"]])
        #expect(
            TableRenderer(width: 30).render(table) == """
                Name             Metric
                                 Handlers
                ───────────────  ─────────────
                check-nginx-wi…  influxdb

                """)
        #expect(
            TableRenderer(width: 30, colour: true).render(table).hasPrefix(
                "\u{1B}[1mName             Metric\u{1B}[0m\n\u{1B}[1m                 Handlers\u{1B}[0m\n"))
    }

    @Test func entityList() throws {
        let text = TableRenderer().render(tables.entities(try Samples.entities()))
        #expect(
            text == """
                ID       Class  OS     Subscriptions             Last Seen
                ───────  ─────  ─────  ────────────────────────  ─────────────────────────
                pod-1    agent  linux  linux,nginx,entity:pod-1  2026-01-01 00:00:00 +0000
                proxy-a  proxy                                   N/A

                """)
    }
}

/// Exact output of the other list tables (titles as sensuctl's).
@Suite struct ResourceTableTests {
    let tables = ResourceTables(timeZone: TimeZone(identifier: "UTC") ?? .current)

    @Test func eventList() throws {
        #expect(
            TableRenderer().render(tables.events(try Samples.events())) == """
                Entity  Check        Output                      Status  Silenced  Timestamp                  UUID
                ──────  ───────────  ──────────────────────────  ──────  ────────  ─────────────────────────  ──────────────────────────
                pod-1   check-nginx  HTTP OK: HTTP/1.1 200 OK …  0       false     2026-01-01 00:00:10 +0000  3c7fd2b4-1d2e-4b4a-9d43-8…

                """)
    }

    // Issue 18 item 22: a deny filter denies when any expression matches, so its expressions read `||`.
    @Test func filterListJoinsDenyExpressionsWithOr() {
        let filters = [
            EventFilter(
                metadata: ObjectMeta(name: "only-crit"), action: "allow",
                expressions: ["event.check.status == 2", "event.check.occurrences == 1"]),
            EventFilter(
                metadata: ObjectMeta(name: "quiet-hours"), action: "deny",
                expressions: ["event.entity.labels.env == 'dev'", "event.check.name == 'noisy'"]),
        ]
        #expect(
            tables.filters(filters).rows == [
                ["only-crit", "allow", "(event.check.status == 2) && (event.check.occurrences == 1)"],
                ["quiet-hours", "deny", "(event.entity.labels.env == 'dev') || (event.check.name == 'noisy')"],
            ])
    }

    @Test func handlerList() throws {
        #expect(
            TableRenderer().render(tables.handlers(try Samples.handlers())) == """
                Name      Type  Timeout  Filters      Mutator               Execute               Environment           Assets
                                                                                                  Variables
                ────────  ────  ───────  ───────────  ────────────────────  ────────────────────  ────────────────────  ────────────────
                influxdb  pipe  10       has_metrics  metric-tag-enrichme…  RUN:  pharos-influx…  INFLUXDB_ADDR=http:…  influxdb-handler
                graphite  tcp                                               PUSH:  tcp://10.0.0…

                """)
    }

    @Test func assetList() throws {
        #expect(
            TableRenderer().render(tables.assets(try Samples.assets())) == """
                Name                       URL                                                     Hash
                ─────────────────────────  ──────────────────────────────────────────────────────  ───────
                monitoring-plugins-debian  http://127.0.0.1:9000/monitoring-plugins-debian.tar.gz  632366d

                """)
    }

    /// The name keeps its width; the rightmost column that no longer fits (Metric Handlers) is left out.
    @Test func checkListFitsIn120Columns() throws {
        let text = TableRenderer().render(tables.checks(try Samples.checks()))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 })
        #expect(
            text == """
                Name         Command  Interval  Cron  Timeout  TTL  Subscriptions  Handlers  Assets   Hooks    Publish?  Stdin?  Metric
                                                                                                                                 Format
                ───────────  ───────  ────────  ────  ───────  ───  ─────────────  ────────  ───────  ───────  ────────  ──────  ───────
                check-nginx  check_…  10              10            nginx                    monito…  critic…  true      false   nagios…

                """)
    }
}

/// Issue 18 item 23: sensuctl takes its global flags on either side of the subcommand.
@Suite struct GlobalOptionPlacementTests {
    @Test(arguments: [
        (["--namespace", "web", "check", "list"], ["check", "list", "--namespace", "web"]),
        (
            ["--config-dir", "/tmp/d", "configure", "-n", "--url", "http://127.0.0.1:8080"],
            ["configure", "--config-dir", "/tmp/d", "-n", "--url", "http://127.0.0.1:8080"]
        ),
        (
            ["--format=json", "check", "--namespace", "web", "list"],
            ["check", "list", "--format=json", "--namespace", "web"]
        ),
        (["--insecure-skip-tls-verify", "event", "list"], ["event", "list", "--insecure-skip-tls-verify"]),
        (["check", "list", "--namespace", "web"], ["check", "list", "--namespace", "web"]),
        (["--namespace", "web", "create", "-f", "a.yaml"], ["create", "--namespace", "web", "-f", "a.yaml"]),
        (["--namespace", "web"], ["--namespace", "web"]),
        (["--namespace", "web", "nosuchcommand"], ["--namespace", "web", "nosuchcommand"]),
    ])
    func globalOptionsBeforeTheSubcommandMoveAfterIt(_ given: [String], _ expected: [String]) {
        #expect(PharosCtl.arguments(movingGlobalOptionsIn: given) == expected)
    }

}
