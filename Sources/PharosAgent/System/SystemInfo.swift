import Foundation
public import PharosCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Collects the host facts the agent reports in `entity.system` (Sensu Go `system/system.go`, reference §4.3).
public enum SystemInfo {
    /// The host's facts now: host name, `os` (`linux`), platform/family/version from `/etc/os-release`
    /// (Debian: version from `/etc/debian_version`), Go-style `arch` (`amd64`, `arm64`, ...), the network
    /// interfaces with their addresses, and `libc_type` (`glibc` or `musl`).
    public static func collect() -> EntitySystem {
        let release =
            (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))
            .map { OSRelease(parsing: $0) } ?? OSRelease(platform: "", platformFamily: "", platformVersion: "")
        var version = release.platformVersion
        if release.platform == "debian",
            let debianVersion = try? String(contentsOfFile: "/etc/debian_version", encoding: .utf8)
        {
            let trimmed = debianVersion.trimmingWhitespace()
            if trimmed.first?.isNumber == true { version = trimmed }
        }
        return EntitySystem(
            hostname: hostname(), os: osName(), platform: release.platform, platformFamily: release.platformFamily,
            platformVersion: version, network: EntityNetwork(interfaces: networkInterfaces()),
            arch: goArchitecture(machine()), libcType: libcType())
    }

    /// The host name, or `unidentified-hostname` when it cannot be read (Sensu's fallback).
    public static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unidentified-hostname" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unidentified-hostname" : name
    }

    /// Go's `GOARCH` name for a `uname -m` machine name: `x86_64` → `amd64`, `aarch64` → `arm64`,
    /// `i686` → `386`, `armv7l` → `arm`; other names unchanged.
    public static func goArchitecture(_ machine: String) -> String {
        switch machine {
        case "x86_64", "amd64": "amd64"
        case "aarch64", "arm64": "arm64"
        case "i386", "i486", "i586", "i686": "386"
        case "ppc64le": "ppc64le"
        case "s390x": "s390x"
        default: machine.hasPrefix("arm") ? "arm" : machine
        }
    }

    /// The network interfaces in `getifaddrs` order: name, MAC address (empty for loopback) and every IPv4/IPv6
    /// address in CIDR notation (`192.0.2.2/24`, `fe80::1/64`).
    public static func networkInterfaces() -> [NetworkInterface] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { return [] }
        defer { freeifaddrs(head) }
        var order: [String] = []
        var byName: [String: NetworkInterface] = [:]
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let namePointer = entry.pointee.ifa_name else { continue }
            let name = String(cString: namePointer)
            if byName[name] == nil {
                order.append(name)
                byName[name] = NetworkInterface(name: name)
            }
            guard let address = entry.pointee.ifa_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET, AF_INET6:
                if let text = numericHost(address), let prefix = prefixLength(entry.pointee.ifa_netmask) {
                    byName[name]?.addresses.append("\(text)/\(prefix)")
                }
            default:
                break
            }
        }
        return order.compactMap { name in
            guard var interface = byName[name] else { return nil }
            interface.mac = macAddress(of: name)
            return interface
        }
    }

    /// The hardware address from `/sys/class/net/NAME/address`; empty when missing or all zeros (loopback).
    private static func macAddress(of interface: String) -> String {
        guard !interface.contains("/"),
            let text = try? String(contentsOfFile: "/sys/class/net/\(interface)/address", encoding: .utf8)
        else { return "" }
        let mac = text.trimmingWhitespace()
        return mac.allSatisfy { $0 == "0" || $0 == ":" } ? "" : mac
    }

    /// `getnameinfo` with `NI_NUMERICHOST`, without an IPv6 zone suffix.
    private static func numericHost(_ address: UnsafeMutablePointer<sockaddr>) -> String? {
        let length =
            Int32(address.pointee.sa_family) == AF_INET
            ? socklen_t(MemoryLayout<sockaddr_in>.size) : socklen_t(MemoryLayout<sockaddr_in6>.size)
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        let text = String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: "%", maxSplits: 1).first.map(String.init)
    }

    /// The number of leading one bits of a netmask.
    private static func prefixLength(_ netmask: UnsafeMutablePointer<sockaddr>?) -> Int? {
        guard let netmask else { return nil }
        switch Int32(netmask.pointee.sa_family) {
        case AF_INET:
            return netmask.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt32(bigEndian: $0.pointee.sin_addr.s_addr).nonzeroBitCount
            }
        case AF_INET6:
            return netmask.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                withUnsafeBytes(of: $0.pointee.sin6_addr) { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
            }
        default:
            // Some kernels leave sa_family unset in netmasks; fall back on the IPv4 layout.
            return netmask.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt32(bigEndian: $0.pointee.sin_addr.s_addr).nonzeroBitCount
            }
        }
    }

    /// `uname -m`.
    private static func machine() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "" }
        return withUnsafeBytes(of: names.machine) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    /// `linux` on Linux (Go's `GOOS`).
    private static func osName() -> String {
        #if os(Linux)
            "linux"
        #elseif os(macOS)
            "darwin"
        #else
            "unknown"
        #endif
    }

    /// `musl` when the musl loader is present, else `glibc`.
    private static func libcType() -> String {
        #if canImport(Musl)
            "musl"
        #else
            "glibc"
        #endif
    }
}
