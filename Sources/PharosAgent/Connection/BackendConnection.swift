import Foundation
import HTTPTypes
import HummingbirdWSClient
public import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket
public import PharosCore
import PharosWire
public import ServiceLifecycle
import Synchronization

/// The agent's link to the backend (Sensu Go 6.x agent connection manager, reference §3.1-3.4, §4.7): connects
/// over WebSocket to one backend URL after another with exponential backoff, sends a keepalive at once and then
/// every keepalive interval, applies `entity_config`, runs each `check_request` through the ``CheckRunner`` and
/// sends the results as `event` frames through a bounded queue that survives reconnects. On graceful shutdown it
/// sends `goodbye` (`{}`) and closes the connection.
public struct BackendConnection: Service, Sendable {
    let configuration: AgentConfiguration
    private let runner: CheckRunner
    private let system: @Sendable () -> EntitySystem
    private let logger: Logger
    private let outbox: EventOutbox
    private let state: AgentState

    /// Creates the service; nothing happens until ``run()``.
    /// - Parameters:
    ///   - configuration: URLs, identity, credentials, keepalive and retry settings.
    ///   - runner: runs check requests.
    ///   - outbox: where event frames wait for the backend (default: in memory, `outbox-max-bytes`).
    ///   - system: the host facts for each keepalive (default ``SystemInfo/collect()``).
    ///   - logger: connection failures are logged at `.error` with their reason.
    public init(
        configuration: AgentConfiguration, runner: CheckRunner, outbox: EventOutbox? = nil,
        system: @escaping @Sendable () -> EntitySystem = SystemInfo.collect, logger: Logger
    ) {
        self.configuration = configuration
        self.runner = runner
        self.outbox =
            outbox ?? EventOutbox(directory: nil, maxBytes: configuration.outboxMaxBytes, logger: logger)
        self.state = AgentState(subscriptions: configuration.subscriptions)
        self.system = system
        self.logger = logger
    }

    /// The agent's entity, event queue and connection state for the local event sources (API, socket, StatsD).
    public var sink: AgentEventSink {
        let outbox = outbox
        let state = state
        let logger = logger
        return AgentEventSink(
            entity: { await currentEntity(state: state) },
            enqueue: { event in
                if let frame = Self.boundedEventFrame(event, logger: logger) { await outbox.push(frame) }
            },
            isConnected: { await state.connected })
    }

    /// The `event` frame of `event`, shortened to ``AgentFrame/agentMessageLimit`` (logged as a warning when it
    /// had to be), or `nil` when it cannot be encoded (logged as an error).
    static func boundedEventFrame(_ event: Event, logger: Logger) -> AgentFrame? {
        do {
            let (frame, shrink) = try AgentEvents.eventFrame(event)
            if shrink != AgentEvents.FrameShrink() {
                logger.warning(
                    "event shortened to fit one frame",
                    metadata: [
                        "check.name": "\(event.check?.metadata.name ?? "")", "limit": "\(AgentFrame.agentMessageLimit)",
                        "output_bytes_dropped": "\(shrink.outputBytes)", "points_dropped": "\(shrink.metricPoints)",
                    ])
            }
            return frame
        } catch {
            logger.error(
                "event dropped: cannot encode it",
                metadata: ["check.name": "\(event.check?.metadata.name ?? "")", "error": "\(error)"])
            return nil
        }
    }

    /// Whether the agent has tried a backend at least once, connected or not; the health listener's `/healthz`
    /// answers 200 from then on, so a backend outage never holds a pod's startup.
    public var triedBackend: @Sendable () async -> Bool {
        let state = state
        return { await state.triedBackend }
    }

    /// How one WebSocket session ended.
    private enum SessionEnd: Sendable {
        case shutdown
        case closed(String)
    }

    /// Connects, reconnects and runs checks until graceful shutdown (or cancellation).
    public func run() async throws {
        let queue = outbox
        let (requests, requestSink) = AsyncStream.makeStream(
            of: CheckRequest.self, bufferingPolicy: .bufferingOldest(100))
        let shutdown = ShutdownSignal()
        await withGracefulShutdownHandler {
            await run(queue: queue, state: state, requests: requests, requestSink: requestSink, shutdown: shutdown)
        } onGracefulShutdown: {
            shutdown.trigger()
        }
    }

    /// Runs the connection loop and the check loop until the connection loop ends.
    private func run(
        queue: EventOutbox, state: AgentState, requests: AsyncStream<CheckRequest>,
        requestSink: AsyncStream<CheckRequest>.Continuation, shutdown: ShutdownSignal
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await connectLoop(queue: queue, state: state, requests: requestSink, shutdown: shutdown)
                requestSink.finish()
                // Not connected at shutdown: running checks still get the grace time; their results stay in the
                // outbox (on disk with a cache directory) for the next start.
                if shutdown.isTriggered {
                    await finishRunningChecks(state: state, shutdown: shutdown)
                    let left = await queue.count
                    if left > 0 {
                        logger.warning("events left in the outbox for the next start", metadata: ["count": "\(left)"])
                    }
                }
            }
            group.addTask {
                await checkLoop(requests: requests, queue: queue, state: state, shutdown: shutdown)
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Runs each accepted check request in its own child task and queues its result; once shutdown has begun, new
    /// requests are ignored.
    private func checkLoop(
        requests: AsyncStream<CheckRequest>, queue: EventOutbox, state: AgentState, shutdown: ShutdownSignal
    ) async {
        await withDiscardingTaskGroup { group in
            for await request in requests {
                if shutdown.isTriggered {
                    logger.info(
                        "shutting down: check request ignored",
                        metadata: ["check.name": "\(request.config?.metadata.name ?? "")"])
                    continue
                }
                await state.countRunningCheck(1)
                group.addTask {
                    let entity = await currentEntity(state: state)
                    if let event = await runner.run(request, entity: entity),
                        let frame = Self.boundedEventFrame(event, logger: logger)
                    {
                        await queue.push(frame)
                    }
                    await state.countRunningCheck(-1)
                }
            }
        }
    }

    /// The end of the shutdown grace (`shutdown-grace` after SIGTERM/SIGINT).
    private func graceDeadline(_ shutdown: ShutdownSignal) -> ContinuousClock.Instant {
        (shutdown.triggeredAt ?? .now) + configuration.shutdownGrace
    }

    /// Waits until no check runs or the shutdown grace ends (then the checks are left to cancellation).
    private func finishRunningChecks(state: AgentState, shutdown: ShutdownSignal) async {
        let deadline = graceDeadline(shutdown)
        var running = await state.runningChecks
        if running > 0 { logger.info("shutting down: waiting for running checks", metadata: ["count": "\(running)"]) }
        while running > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            running = await state.runningChecks
        }
        if running > 0 {
            logger.warning("shutdown grace over: running checks abandoned", metadata: ["count": "\(running)"])
        }
    }

    /// Waits until the outbox is empty (the send loop delivers it) or the shutdown grace ends.
    private func drainOutbox(_ queue: EventOutbox, shutdown: ShutdownSignal) async {
        let deadline = graceDeadline(shutdown)
        while await queue.count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = await queue.count
        if left > 0 {
            logger.warning(
                "shutdown grace over: events left in the outbox for the next start", metadata: ["count": "\(left)"])
        }
    }

    /// The agent's entity now.
    private func currentEntity(state: AgentState) async -> Entity {
        AgentEvents.entity(
            configuration: configuration, subscriptions: await state.subscriptions, system: system(),
            now: AgentEvents.unixNow())
    }

    /// Tries the backends in turn until graceful shutdown, waiting with backoff after each failure.
    private func connectLoop(
        queue: EventOutbox, state: AgentState, requests: AsyncStream<CheckRequest>.Continuation,
        shutdown: ShutdownSignal
    ) async {
        var selector = BackendSelector(urls: configuration.backendURLs)
        var backoff = Backoff(
            minimum: configuration.retryMinimum, maximum: configuration.retryMaximum,
            multiplier: configuration.retryMultiplier)
        while !Task.isCancelled && !shutdown.isTriggered {
            let url = selector.next()
            var throttled = false
            do {
                switch try await session(
                    url: url, queue: queue, state: state, requests: requests, shutdown: shutdown)
                {
                case .shutdown:
                    return
                case .closed:
                    backoff.reset()
                }
            } catch {
                await state.markTried()
                let reason = await describe(error, url: url, subscriptions: await state.subscriptions)
                logger.error("cannot connect to backend", metadata: ["backend.url": "\(url)", "reason": "\(reason)"])
                // Sensu: HTTP 429 from the backend doubles the retry delay.
                throttled = reason.contains("(HTTP 429)")
            }
            let delay = throttled ? backoff.nextDelay() * 2 : backoff.nextDelay()
            logger.info("reconnecting", metadata: ["delay": "\(delay)"])
            let slept: Void?? = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            guard case .some(.some) = slept else { return }
        }
    }

    /// The handshake headers (reference §3.1). With a client certificate (`--cert-file`, mTLS) the certificate's
    /// common name is the user, so `Sensu-User` and `Authorization` are left out, as the Sensu Go agent does.
    private func handshakeHeaders(subscriptions: [String]) -> [(String, String)] {
        var headers = [
            (HandshakeHeader.agentName, configuration.name),
            (HandshakeHeader.namespace, configuration.namespace),
            (HandshakeHeader.subscriptions, subscriptions.joined(separator: ",")),
        ]
        if configuration.certFile.isEmpty {
            let credentials = Data("\(configuration.user):\(configuration.password)".utf8).base64EncodedString()
            headers.append((HandshakeHeader.user, configuration.user))
            headers.append(("Authorization", "Basic \(credentials)"))
        }
        return headers
    }

    /// The TLS settings for `wss://` backends.
    /// TLS Server Name Indication cannot carry an IP address (RFC 6066 §3), and the WebSocket client would send the
    /// URL's host. For `wss://<IP>` with `--insecure-skip-tls-verify` (no hostname check) a fixed placeholder name is
    /// sent instead; with verification on, the URL's host is used as is (use a DNS name for an IP-only backend).
    static func sniHostname(for url: String, insecureSkipVerify: Bool) -> String? {
        guard insecureSkipVerify, let host = URLComponents(string: url)?.host else { return nil }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        let isIP = inet_pton(AF_INET, bare, &ipv4) == 1 || inet_pton(AF_INET6, bare, &ipv6) == 1
        return isIP ? "pharos-backend" : nil
    }

    private func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if configuration.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        }
        if !configuration.trustedCAFile.isEmpty {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(configuration.trustedCAFile))
        }
        // The backend's TLS close_notify follows its WebSocket close frame at once; a backend that does not send it
        // must not hold the agent's exit for NIOSSL's default of 5 s.
        tls.shutdownTimeout = .milliseconds(100)
        if !configuration.certFile.isEmpty {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(configuration.certFile).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: configuration.keyFile, format: .pem))
        }
        return tls
    }

    /// The WebSocket ping period: `backend-heartbeat-interval`, shortened to half of `backend-heartbeat-timeout`
    /// when needed, because the WebSocket client drops the connection when a ping is not answered by the next one,
    /// so a silent backend is dropped within `backend-heartbeat-timeout` (Sensu Go read deadline, reference §3.4).
    var pingPeriod: Duration { min(configuration.heartbeatInterval, configuration.heartbeatTimeout / 2) }

    /// One connection: returns how it ended after it was established; throws when it could not be established
    /// (``HandshakeTimeoutError`` when the upgrade took longer than `backend-handshake-timeout`).
    private func session(
        url: String, queue: EventOutbox, state: AgentState, requests: AsyncStream<CheckRequest>.Continuation,
        shutdown: ShutdownSignal
    ) async throws -> SessionEnd {
        var fields = HTTPFields()
        for (name, value) in handshakeHeaders(subscriptions: await state.subscriptions) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let wsConfiguration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 22, additionalHeaders: fields, closeTimeout: Self.closeTimeout,
            autoPing: .enabled(timePeriod: pingPeriod),
            sniHostname: Self.sniHostname(for: url, insecureSkipVerify: configuration.insecureSkipTLSVerify))
        let tls = url.hasPrefix("wss://") ? try tlsConfiguration() : nil
        let logger = self.logger
        logger.info("connecting to backend", metadata: ["backend.url": "\(url)"])
        // A connection attempt cannot be cancelled half-way in the WebSocket client, so each session has its own
        // event loop: shutting it down closes a connection whose handshake hangs.
        let eventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let upgraded = ShutdownSignal()
        let ended = Mutex<String?>(nil)
        let handshakeTimeout = configuration.handshakeTimeout
        let watchdog = Task.detached {
            try? await Task.sleep(for: handshakeTimeout)
            guard !Task.isCancelled, !upgraded.isTriggered else { return false }
            try? await eventLoop.shutdownGracefully()
            return true
        }
        // Detached so the WebSocket client does not see ServiceLifecycle's graceful shutdown: it would close the
        // connection before `goodbye` is written. Cancelled by the cancellation handler below when this task is.
        let client = Task.detached {
            try await WebSocketClient.connect(
                url: url, configuration: wsConfiguration, tlsConfiguration: tls, eventLoopGroup: eventLoop,
                logger: logger
            ) { inbound, outbound, _ in
                upgraded.trigger()
                logger.info("connected to backend", metadata: ["backend.url": "\(url)"])
                await state.setConnected(true)
                defer { Task { await state.setConnected(false) } }
                let result = await run(
                    inbound: inbound, outbound: outbound, queue: queue, state: state, requests: requests,
                    shutdown: shutdown)
                if case .closed(let reason) = result { ended.withLock { $0 = reason } }
            }
        }
        // A connection still open two close timeouts after the shutdown grace (goodbye is sent by then) is dropped,
        // so nothing can hold the agent's exit beyond that.
        let graceEnd = Task.detached { [self] in
            await shutdown.wait()
            try? await Task.sleep(until: graceDeadline(shutdown) + Self.closeTimeout * 2, clock: .continuous)
            guard !Task.isCancelled else { return }
            logger.warning("connection still open after the shutdown grace: dropped")
            try? await eventLoop.shutdownGracefully()
        }
        defer { graceEnd.cancel() }
        let closeFrame: WebSocketCloseFrame?
        do {
            closeFrame = try await withTaskCancellationHandler {
                try await client.value
            } onCancel: {
                client.cancel()
            }
        } catch {
            watchdog.cancel()
            let timedOut = await watchdog.value
            try? await eventLoop.shutdownGracefully()
            if timedOut && !upgraded.isTriggered { throw HandshakeTimeoutError(timeout: handshakeTimeout) }
            throw error
        }
        watchdog.cancel()
        try? await eventLoop.shutdownGracefully()
        if !upgraded.isTriggered { throw HandshakeTimeoutError(timeout: handshakeTimeout) }
        if shutdown.isTriggered { return .shutdown }
        var reason = ended.withLock { $0 } ?? "backend closed the connection"
        if reason == Self.inboundEnded {
            reason =
                if let closeFrame {
                    "backend closed the connection (WebSocket close \(closeFrame.closeCode)\(closeFrame.reason.map { ": \($0)" } ?? ""))"
                } else {
                    "connection dropped: the backend went away without closing it, or answered no heartbeat ping "
                        + "within \(pingPeriod * 2) (backend-heartbeat-timeout \(configuration.heartbeatTimeout))"
                }
        }
        logger.warning("connection to backend lost", metadata: ["backend.url": "\(url)", "reason": "\(reason)"])
        return .closed(reason)
    }

    /// The session-end reason when the inbound stream ends (refined with the close frame, if any).
    private static let inboundEnded = "inbound ended"

    /// How long the agent waits for the backend to answer its WebSocket close frame after `goodbye`.
    static let closeTimeout: Duration = .milliseconds(500)

    /// One part of an established session: the reader of inbound frames, the writers, or the close timer.
    private enum SessionPart: Sendable {
        case inbound(SessionEnd)
        case outbound(SessionEnd)
        case closeTimedOut
    }

    /// Runs an established session until it ends: keepalives, queued events, the max-session-length timer, inbound
    /// frames and `goodbye` on shutdown. After `goodbye` the agent sends the WebSocket close frame itself and keeps
    /// reading until the backend answers it (at most ``closeTimeout``): cancelling the reader would stop reading the
    /// socket, and over TLS the connection would then wait for a close_notify it can no longer read.
    private func run(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, queue: EventOutbox, state: AgentState,
        requests: AsyncStream<CheckRequest>.Continuation, shutdown: ShutdownSignal
    ) async -> SessionEnd {
        await withTaskGroup(of: SessionPart.self) { group in
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: 1 << 22) {
                        await receive(message, state: state, requests: requests)
                    }
                    return .inbound(.closed(Self.inboundEnded))
                } catch {
                    return .inbound(.closed("receive failed: \(error)"))
                }
            }
            group.addTask {
                .outbound(await write(outbound: outbound, queue: queue, state: state, shutdown: shutdown))
            }
            let first = await group.next() ?? .inbound(.closed(Self.inboundEnded))
            guard case .outbound(.shutdown) = first else {
                group.cancelAll()
                return switch first {
                case .inbound(let end), .outbound(let end): end
                case .closeTimedOut: .closed(Self.inboundEnded)
                }
            }
            do {
                try await outbound.close(.normalClosure, reason: nil)
                group.addTask {
                    try? await Task.sleep(for: Self.closeTimeout)
                    return .closeTimedOut
                }
                if case .closeTimedOut = await group.next() {
                    logger.warning(
                        "backend did not answer the WebSocket close: connection dropped",
                        metadata: ["timeout": "\(Self.closeTimeout)"])
                }
            } catch {
                logger.debug("cannot send the WebSocket close", metadata: ["error": "\(error)"])
            }
            group.cancelAll()
            return .shutdown
        }
    }

    /// The writing side of an established session: keepalives, queued events, the max-session-length timer and,
    /// on shutdown, the remaining results followed by `goodbye` (then ``SessionEnd/shutdown``).
    private func write(
        outbound: WebSocketOutboundWriter, queue: EventOutbox, state: AgentState, shutdown: ShutdownSignal
    ) async -> SessionEnd {
        await withTaskGroup(of: SessionEnd.self) { group in
            group.addTask {
                await keepaliveLoop(outbound: outbound, state: state)
            }
            group.addTask {
                await sendLoop(outbound: outbound, queue: queue)
            }
            let maxSession = configuration.maxSessionLength
            if maxSession > .zero {
                // Sensu: disconnect after L − rand[0, L/2) to rebalance agents across backends.
                group.addTask {
                    let length = maxSession - maxSession * Double.random(in: 0..<0.5)
                    do { try await Task.sleep(for: length) } catch { return .closed("cancelled") }
                    return .closed("max session length (\(maxSession)) reached")
                }
            }
            group.addTask {
                await shutdown.wait()
                guard shutdown.isTriggered else { return .closed("cancelled") }
                // Connected at shutdown: running checks finish and their results are sent before goodbye.
                await finishRunningChecks(state: state, shutdown: shutdown)
                await drainOutbox(queue, shutdown: shutdown)
                do {
                    let goodbye = try AgentFrame.make(.goodbye, [String: String]())
                    try await outbound.writeBinaryMessage(ByteBuffer(bytes: goodbye.bytes))
                    logger.info("goodbye sent to backend")
                } catch {
                    logger.warning("cannot send goodbye", metadata: ["error": "\(error)"])
                }
                return .shutdown
            }
            let first = await group.next() ?? .closed(Self.inboundEnded)
            group.cancelAll()
            return first
        }
    }

    /// Sends a keepalive now and then every keepalive interval; ends when a write fails or on cancellation.
    private func keepaliveLoop(outbound: WebSocketOutboundWriter, state: AgentState) async -> SessionEnd {
        var sequence: Int64 = 0
        while !Task.isCancelled {
            sequence += 1
            let entity = await currentEntity(state: state)
            let event = AgentEvents.keepalive(
                entity: entity, configuration: configuration, now: entity.lastSeen, sequence: sequence)
            do {
                let frame = try AgentFrame.make(.keepalive, event)
                try await outbound.writeBinaryMessage(ByteBuffer(bytes: frame.bytes))
                logger.debug("keepalive sent", metadata: ["sequence": "\(sequence)"])
            } catch {
                return .closed("keepalive write failed: \(error)")
            }
            do {
                try await Task.sleep(for: configuration.keepaliveInterval)
            } catch {
                return .closed("cancelled")
            }
        }
        return .closed("cancelled")
    }

    /// Sends queued event frames in order while connected, at most `events-rate-limit` per second (burst
    /// `events-burst-limit`); a frame leaves the outbox only once written.
    private func sendLoop(outbound: WebSocketOutboundWriter, queue: EventOutbox) async -> SessionEnd {
        var bucket = TokenBucket(rate: configuration.eventsRateLimit, burst: configuration.eventsBurstLimit)
        for await _ in await queue.subscribe() {
            while let frame = await queue.first() {
                let wait = bucket.take()
                if wait > .zero {
                    do { try await Task.sleep(for: wait) } catch { return .closed("cancelled") }
                }
                do {
                    try await outbound.writeBinaryMessage(ByteBuffer(bytes: frame.bytes))
                    await queue.removeFirst()
                } catch {
                    return .closed("event write failed: \(error)")
                }
            }
        }
        return .closed("cancelled")
    }

    /// Handles one message from the backend.
    private func receive(
        _ message: WebSocketMessage, state: AgentState, requests: AsyncStream<CheckRequest>.Continuation
    ) async {
        let bytes: [UInt8] =
            switch message {
            case .binary(let buffer): Array(buffer.readableBytesView)
            case .text(let text): Array(text.utf8)
            }
        do {
            let frame = try AgentFrame(bytes: bytes)
            switch frame.messageType {
            case .entityConfig:
                let config = try frame.decode(EntityConfig.self)
                // With --agent-managed-entity the agent's own configuration is the entity's (Sensu skips it too).
                if configuration.agentManagedEntity {
                    logger.debug("entity config from the backend ignored: the agent manages its entity")
                } else {
                    await state.apply(config)
                    logger.debug("entity config received", metadata: ["entity.name": "\(config.metadata.name)"])
                }
            case .checkRequest:
                let request = try frame.decode(CheckRequest.self)
                if case .dropped = requests.yield(request) {
                    logger.warning("too many pending check requests; request dropped")
                }
            default:
                logger.error("unexpected message type from backend ignored", metadata: ["type": "\(frame.type)"])
            }
        } catch {
            logger.error("invalid message from backend ignored", metadata: ["error": "\(error)"])
        }
    }

    /// A one-line reason for a failed connection attempt.
    private func describe(_ error: any Error, url: String, subscriptions: [String]) async -> String {
        if let clientError = error as? WebSocketClientError, clientError == .webSocketUpgradeFailed {
            let tls = url.hasPrefix("wss://") ? try? tlsConfiguration() : nil
            return await UpgradeProbe.reason(
                url: url, headers: handshakeHeaders(subscriptions: subscriptions), tlsConfiguration: tls)
        }
        return Self.explainTLSAlert("\(error)")
    }

    /// Prefixes a TLS alert the backend sent about the agent's client certificate (mTLS) with a readable reason;
    /// other errors are returned unchanged.
    static func explainTLSAlert(_ error: String) -> String {
        if error.contains("ALERT_CERTIFICATE_REQUIRED") {
            return "backend requires a client certificate (mTLS; set --cert-file and --key-file): \(error)"
        }
        if error.contains("ALERT_UNKNOWN_CA") || error.contains("ALERT_BAD_CERTIFICATE")
            || error.contains("ALERT_CERTIFICATE_")
        {
            return "backend refused the client certificate (--cert-file not signed by its agent CA?): \(error)"
        }
        return error
    }
}
