import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real Hummingbird server on 127.0.0.1 (port chosen by the system) serving fixed files, counting requests.
final class TestHTTPServer: Sendable {
    /// Files served by path (`/hello.tar.gz`); anything else is 404.
    let files: [String: [UInt8]]
    private let counts = Mutex<[String: Int]>([:])
    private let headers = Mutex<[String: String]>([:])

    init(files: [String: [UInt8]]) {
        self.files = files
    }

    /// Requests received for `path`.
    func requests(for path: String) -> Int { counts.withLock { $0[path] ?? 0 } }

    /// The value of header `name` in the last request.
    func lastHeader(_ name: String) -> String? { headers.withLock { $0[name.lowercased()] } }

    /// Runs the server for the duration of `body`, which receives the base URL (`http://127.0.0.1:PORT`).
    func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            self.counts.withLock { $0[path, default: 0] += 1 }
            self.headers.withLock { stored in
                for field in request.headers { stored[field.name.canonicalName] = field.value }
            }
            guard let bytes = self.files[path] else { return Response(status: .notFound) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test-http")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            do {
                let result = try await body("http://127.0.0.1:\(port)")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

extension TestHTTPServer {
    struct PortFailure: Error {}

    /// A loopback TCP port nobody listens on: bound by the system, read back, then closed.
    static func closedLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PortFailure() }
        defer { close(fd) }
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
        guard bound else { throw PortFailure() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
