import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PharosBackend
import PharosCore
import PharosStore
import Synchronization

/// An `EventSink` and `EventPipeline` that records what it receives; forwarded (pipeline-only) events go to
/// `forwardedTo` when given (the pipeline behind a real processor), else here.
actor RecordingEvents: EventSink, EventPipeline {
    private(set) var events: [Event] = []
    private(set) var forgotten: [String] = []
    private let forwardedTo: RecordingEvents?

    init(forwardedTo: RecordingEvents? = nil) { self.forwardedTo = forwardedTo }

    func process(_ event: Event) async { events.append(event) }
    func handle(_ event: Event) async { events.append(event) }
    func forward(_ event: Event) async {
        if let forwardedTo { await forwardedTo.handle(event) } else { events.append(event) }
    }
    func forget(namespace: String, entity: String, check: String?) async {
        forgotten.append("\(namespace)/\(entity)/\(check ?? "*")")
    }

    var checkNames: [String] { events.map { $0.check?.metadata.name ?? "" } }
}

/// A wall clock the test moves by hand (Unix seconds).
final class ManualTime: Sendable {
    private let value: Mutex<Double>

    init(_ start: Double = 1_700_000_000) { value = Mutex(start) }

    var now: Double { value.withLock { $0 } }
    func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
}

enum TestSupport {
    static let admin = BasicCredentials(username: "admin", password: "P@ssw0rd!admin")
    static let agent = BasicCredentials(username: "agent", password: "P@ssw0rd!")
    static let bcryptCost: UInt8 = 4

    static var logger: Logger {
        var logger = Logger(label: "pharos-test")
        logger.logLevel = .critical
        return logger
    }

    /// An in-memory store seeded like `pharos-backend init` (low bcrypt cost).
    static func seededStore() async throws -> InMemoryStore {
        let store = InMemoryStore()
        try await BackendInitializer.initialize(
            store, adminUsername: admin.username, adminPassword: admin.password, cost: bcryptCost)
        return store
    }

    /// The API application over `store`, with `events` as its sink.
    static func application(store: any Store, events: any EventSink) async throws -> some ApplicationProtocol {
        let tokens = await TokenIssuer(secret: try await BackendSettings.jwtSecret(in: store))
        let routes = APIRoutes(
            store: store, tokens: tokens, users: UserAuthenticator(store: store, cost: bcryptCost), events: events)
        return Application(
            router: routes.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: logger)
    }

    static func header(_ name: String, _ value: String) -> HTTPFields {
        guard let field = HTTPFields.Element.Name(name) else { return [:] }
        return [field: value]
    }

    static func basic(_ credentials: BasicCredentials) -> HTTPFields {
        [.authorization: credentials.headerValue]
    }

    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)"]
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// Logs in as admin and returns the access token.
    static func token(_ client: some TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/auth", method: .get, headers: basic(admin))
        return try decode(TokenPair.self, response.body).accessToken
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    static func eventually(seconds: Double = 3, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}
