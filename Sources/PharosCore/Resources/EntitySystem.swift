/// Facts about the host an agent runs on, as in Sensu Go `core/v2` `System` (reference §1.12, §4.3).
///
/// `hostname`, `os`, `platform*`, `arch`, `arm_version` and `float_type` are omitted when empty; `network`,
/// `libc_type`, `vm_system`, `vm_role`, `cloud_provider` and `processes` are always written.
public struct EntitySystem: Sendable, Hashable, Codable {
    /// Host name (`unidentified-hostname` when unknown).
    public var hostname: String
    /// Operating system, e.g. `linux`.
    public var os: String
    /// Distribution, e.g. `debian`, `alpine`.
    public var platform: String
    /// Distribution family, e.g. `debian`, `rhel`.
    public var platformFamily: String
    /// Distribution version, e.g. `12.5`.
    public var platformVersion: String
    /// Network interfaces.
    public var network: EntityNetwork
    /// CPU architecture in Go's naming, e.g. `amd64`, `arm64`.
    public var arch: String
    /// ARM version for `arm` (5, 6, 7); 0 otherwise.
    public var armVersion: Int32
    /// C library, e.g. `glibc`, `musl`.
    public var libcType: String
    /// Virtualisation system, e.g. `kvm`, `docker`.
    public var vmSystem: String
    /// Virtualisation role, `host` or `guest`.
    public var vmRole: String
    /// Cloud provider detected by the agent, if enabled.
    public var cloudProvider: String
    /// Float type on MIPS (`hardfloat`/`softfloat`).
    public var floatType: String
    /// Local processes (commercial Sensu feature).
    public var processes: [EntityProcess]

    /// Creates a system description; every field defaults to empty.
    public init(
        hostname: String = "", os: String = "", platform: String = "", platformFamily: String = "",
        platformVersion: String = "", network: EntityNetwork = EntityNetwork(), arch: String = "",
        armVersion: Int32 = 0, libcType: String = "", vmSystem: String = "", vmRole: String = "",
        cloudProvider: String = "", floatType: String = "", processes: [EntityProcess] = []
    ) {
        self.hostname = hostname
        self.os = os
        self.platform = platform
        self.platformFamily = platformFamily
        self.platformVersion = platformVersion
        self.network = network
        self.arch = arch
        self.armVersion = armVersion
        self.libcType = libcType
        self.vmSystem = vmSystem
        self.vmRole = vmRole
        self.cloudProvider = cloudProvider
        self.floatType = floatType
        self.processes = processes
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hostname, os, platform, network, arch, processes
        case platformFamily = "platform_family"
        case platformVersion = "platform_version"
        case armVersion = "arm_version"
        case libcType = "libc_type"
        case vmSystem = "vm_system"
        case vmRole = "vm_role"
        case cloudProvider = "cloud_provider"
        case floatType = "float_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hostname = try container.lenient(.hostname, "")
        os = try container.lenient(.os, "")
        platform = try container.lenient(.platform, "")
        platformFamily = try container.lenient(.platformFamily, "")
        platformVersion = try container.lenient(.platformVersion, "")
        network = try container.lenient(.network, EntityNetwork())
        arch = try container.lenient(.arch, "")
        armVersion = try container.lenient(.armVersion, 0)
        libcType = try container.lenient(.libcType, "")
        vmSystem = try container.lenient(.vmSystem, "")
        vmRole = try container.lenient(.vmRole, "")
        cloudProvider = try container.lenient(.cloudProvider, "")
        floatType = try container.lenient(.floatType, "")
        processes = try container.lenient(.processes, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(hostname, forKey: .hostname)
        try container.encodeOmitEmpty(os, forKey: .os)
        try container.encodeOmitEmpty(platform, forKey: .platform)
        try container.encodeOmitEmpty(platformFamily, forKey: .platformFamily)
        try container.encodeOmitEmpty(platformVersion, forKey: .platformVersion)
        try container.encode(network, forKey: .network)
        try container.encodeOmitEmpty(arch, forKey: .arch)
        try container.encodeOmitEmpty(armVersion, forKey: .armVersion)
        try container.encode(libcType, forKey: .libcType)
        try container.encode(vmSystem, forKey: .vmSystem)
        try container.encode(vmRole, forKey: .vmRole)
        try container.encode(cloudProvider, forKey: .cloudProvider)
        try container.encodeOmitEmpty(floatType, forKey: .floatType)
        try container.encodeNilIfEmpty(processes, forKey: .processes)
    }
}
