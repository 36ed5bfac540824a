import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Locates the built executables (beside the test bundle in `.build/<config>/`) and runs them.
enum Binaries {
    /// The directory of the built products.
    static var directory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The URL of a built executable.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Runs an executable to completion, returning its exit status and merged output.
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = url(name)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("SENSU_") && !$0.key.hasPrefix("PHAROS_")
        }
        merged.merge(environment) { $1 }
        process.environment = merged
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Free loopback ports, found by binding port 0 (TCP and UDP both free for the returned numbers).
enum FreePorts {
    struct Failure: Error {}

    static func pick(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var ports: [Int] = []
        while ports.count < count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure() }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw Failure() }
            let port = Int(UInt16(bigEndian: address.sin_port))
            // The same number must also be free for UDP (event socket and StatsD use both).
            let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            var udpAddress = address
            let udpBound = withUnsafeMutablePointer(to: &udpAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(udp, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(udp)
            if udpBound { ports.append(port) }
        }
        return ports
    }
}
