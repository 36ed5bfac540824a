import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

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
