import PharosAgent
import PharosCore
import Testing

@Suite struct SystemInfoTests {
    @Test(arguments: [
        ("ID=debian\nVERSION_ID=\"12\"\n", "debian", "debian", "12"),
        ("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n", "ubuntu", "debian", "22.04"),
        ("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n", "rocky", "rhel", "9.3"),
        ("ID=alpine\nVERSION_ID=3.19.1\n", "alpine", "alpine", "3.19.1"),
        (
            "# comment\n\nID='opensuse-leap'\nID_LIKE=\"suse opensuse\"\nVERSION_ID='15.5'\n", "opensuse-leap", "suse",
            "15.5"
        ),
        ("ID=myos\nID_LIKE=\"exotic other\"\n", "myos", "exotic", ""),
        ("PRETTY_NAME=\"x\"\n", "", "", ""),
    ])
    func parsesOSRelease(text: String, platform: String, family: String, version: String) {
        let release = OSRelease(parsing: text)
        #expect(release.platform == platform)
        #expect(release.platformFamily == family)
        #expect(release.platformVersion == version)
    }

    @Test(arguments: [
        ("x86_64", "amd64"), ("aarch64", "arm64"), ("i686", "386"), ("armv7l", "arm"), ("riscv64", "riscv64"),
    ])
    func goArchitecture(machine: String, expected: String) {
        #expect(SystemInfo.goArchitecture(machine) == expected)
    }

    /// This machine is Debian 12 on x86_64 with a loopback interface.
    @Test func collectsThisHost() throws {
        let system = SystemInfo.collect()
        #expect(system.os == "linux")
        #expect(system.platform == "debian")
        #expect(system.platformFamily == "debian")
        #expect(system.platformVersion.hasPrefix("12"))
        #expect(system.arch == "amd64")
        #expect(system.libcType == "glibc")
        #expect(system.hostname == SystemInfo.hostname())
        #expect(!system.hostname.isEmpty)
        let loopback = try #require(system.network.interfaces.first { $0.name == "lo" })
        #expect(loopback.addresses.contains("127.0.0.1/8"))
        #expect(loopback.mac == "")
    }
}
