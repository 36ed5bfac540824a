import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Resident memory and CPU time of this process (Linux `/proc/self/status`, `getrusage`).
enum ProcessStats {
    /// Resident set size in bytes.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return digits * 1024
        }
        return 0
    }

    /// User + system CPU seconds used so far by process `pid` (`/proc/PID/stat` fields 14 and 15), 0 when gone.
    static func cpuSeconds(pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14, stime 15 (1-based in proc(5)).
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User + system CPU seconds used so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// Percentiles of samples.
enum Percentiles {
    static func of(_ samples: [Double], _ quantile: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * quantile).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }
}

/// Prints figures and writes them as JSON.
enum Report {
    static func emit(_ mode: String, _ figures: [String: Double], output: String?) throws {
        print("pharos-bench \(mode)")
        for key in figures.keys.sorted() {
            print("  \(key): \(String(format: "%.3f", figures[key] ?? 0))")
        }
        let path = output ?? "pharos-bench-\(mode).json"
        let data = try JSONSerialization.data(
            withJSONObject: ["mode": mode, "figures": figures], options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
        print("  written: \(path)")
    }
}
