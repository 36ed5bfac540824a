import GRDB

/// The single writer of the hot write paths (events, entity states and configs, settings) with group commit.
///
/// Callers `submit` one write each and wait until it is committed; while one transaction commits, new writes
/// queue, and the next transaction takes all of them (at most `maxBatch`), so N concurrent writers cost about one
/// commit instead of N. Each write runs in its own savepoint inside the shared transaction: a write that throws is
/// rolled back alone (nothing of it stored half-way) and its caller gets the error; the others commit.
///
/// Callers return only after their write is committed (WAL mode, `synchronous = NORMAL`: committed transactions
/// survive a process crash; the WAL is fsynced at checkpoints, not per transaction).
actor GroupCommitWriter {
    /// One queued write and the caller waiting for it.
    private struct Pending {
        let write: @Sendable (Database) throws -> Void
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let pool: DatabasePool
    private let maxBatch: Int
    private var pending: [Pending] = []
    private var draining = false

    /// Transactions committed so far.
    private(set) var transactions = 0
    /// Writes committed so far.
    private(set) var writes = 0

    /// Creates the writer.
    /// - Parameters:
    ///   - pool: The database.
    ///   - maxBatch: The most writes one transaction takes (default 2,000).
    init(pool: DatabasePool, maxBatch: Int = 2000) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    /// Queues `write` and returns once the transaction holding it committed.
    /// - Throws: The error `write` threw (only this write is rolled back), or the database error that failed
    ///   the whole transaction.
    func submit(_ write: @escaping @Sendable (Database) throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append(Pending(write: write, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let writes = batch.map(\.write)
            do {
                let errors = try await pool.write { db -> [(any Error)?] in
                    writes.map { write in
                        do {
                            try db.inSavepoint {
                                try write(db)
                                return .commit
                            }
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                transactions += 1
                for (item, error) in zip(batch, errors) {
                    if let error {
                        item.continuation.resume(throwing: error)
                    } else {
                        self.writes += 1
                        item.continuation.resume()
                    }
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
