import Foundation
import Testing

/// Exit codes and messages of the two executables that need no InfluxDB.
@Suite struct HandlerCommandTests {
    @Test func exitsZeroWhenTheEventHasNoMetricPoints() throws {
        let event = #"{"entity": {"metadata": {"name": "a"}}, "check": {"metadata": {"name": "c"}}}"#
        let result = try ToolProcess.run("pharos-influxdb-handler", stdin: Data(event.utf8))
        #expect(result.status == 0)
        #expect(
            result.stderr == "pharos-influxdb-handler: the event has no metrics points; nothing to write to InfluxDB\n"
        )
    }

    @Test func namesTheLineAndColumnOfInvalidJSON() throws {
        let result = try ToolProcess.run("pharos-influxdb-handler", stdin: Data("{\"entity\":\n  {,}}".utf8))
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "pharos-influxdb-handler: event: invalid JSON at line 2, column 4: "
                + "expected a string member name, found ','\n"
        )
        let mutator = try ToolProcess.run("pharos-metric-tag-enrichment", stdin: Data("{\"a\": tru}".utf8))
        #expect(mutator.status == 1)
        #expect(
            mutator.stderr
                == "pharos-metric-tag-enrichment: event: invalid JSON at line 1, column 10: expected 'true', found '}'\n"
        )
        #expect(mutator.stdout == "")
    }

    @Test func namesTheURLWhenInfluxDBCannotBeReached() throws {
        let port = try InfluxServer.freePort()
        let event = #"{"metrics": {"points": [{"name": "x", "value": 1, "timestamp": 1700000000}]}}"#
        let result = try ToolProcess.run(
            "pharos-influxdb-handler", ["-a", "http://127.0.0.1:\(port)"], stdin: Data(event.utf8)
        )
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "pharos-influxdb-handler: cannot reach InfluxDB at http://127.0.0.1:\(port)/write?db=sensu&precision=s: "
            )
        )
    }

    @Test(arguments: [
        (["--precision", "ns"], "--precision must be one of n, u, ms, s, m, h (got 'ns')"),
        (["-a", "localhost:8086"], "--addr must be an http:// or https:// URL with a host (got 'localhost:8086')"),
    ])
    func refusesBadFlags(_ arguments: [String], message: String) throws {
        let result = try ToolProcess.run("pharos-influxdb-handler", arguments, stdin: Data())
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test func mutatorWritesTheEnrichedEventAsJSON() throws {
        let event =
            #"{"entity": {"metadata": {"name": "n1", "namespace": "default"}},"#
            + #" "metrics": {"points": [{"name": "up", "value": 1, "timestamp": 1700000000123456789, "tags": null}]},"#
            + #" "x-unknown": {"b": [1, 2.5]}}"#
        let result = try ToolProcess.run("pharos-metric-tag-enrichment", stdin: Data(event.utf8))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // Object keys come out sorted; the 19-digit timestamp stays an integer (rounded to a Double, ±128 ns).
        #expect(
            result.stdout
                == #"{"entity":{"metadata":{"name":"n1","namespace":"default"}},"metrics":{"points":[{"name":"up","#
                + #""tags":[{"name":"entity","value":"n1"},{"name":"namespace","value":"default"}],"#
                + #""timestamp":1700000000123456768,"value":1}]},"x-unknown":{"b":[1,2.5]}}"# + "\n"
        )
    }
}
