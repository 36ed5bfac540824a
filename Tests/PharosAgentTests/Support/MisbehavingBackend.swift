import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately broken agent endpoint on a free loopback port, run by `/usr/bin/python3` (not a backend a user
/// would run, so no real one exists): `silent` accepts TCP connections and never answers; `upgradeThenSilent`
/// completes the WebSocket upgrade and then neither reads nor answers pings; `tooManyRequests` answers every
/// request `429 Too Many Requests`. Every accepted connection is appended to `connections.log` with its time.
final class MisbehavingBackend: @unchecked Sendable {
    enum Mode: String {
        case silent
        case upgradeThenSilent = "upgrade-then-silent"
        case tooManyRequests = "429"
    }

    let directory: URL
    let port: Int
    private let process = Process()

    private static let script = #"""
        import base64, hashlib, socket, sys, threading, time
        mode, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen(64)
        held = []
        def handle(conn):
            with open(log, "a") as f:
                f.write("%.3f\n" % time.time())
            if mode == "silent":
                held.append(conn)
                return
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            if mode == "429":
                conn.sendall(b"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow")
                conn.close()
                return
            key = ""
            for line in request.decode("latin-1").split("\r\n"):
                if line.lower().startswith("sec-websocket-key:"):
                    key = line.split(":", 1)[1].strip()
            accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
            conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         + b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
            held.append(conn)
        print("ready", flush=True)
        while True:
            conn, _ = server.accept()
            threading.Thread(target=handle, args=(conn,), daemon=True).start()
        """#

    init(_ mode: Mode) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try FreePorts.pick(1)[0]
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", Self.script, mode.rawValue, "\(port)", directory.appendingPathComponent("connections.log").path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for "ready" (the socket is listening).
        _ = pipe.fileHandleForReading.availableData
    }

    var url: String { "ws://127.0.0.1:\(port)" }

    /// When each connection was accepted (Unix seconds).
    var connections: [Double] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("connections.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Double($0) }
    }

    deinit {
        if process.isRunning {
            // SIGKILL: the test process's blocked signals are inherited, so python may ignore SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
