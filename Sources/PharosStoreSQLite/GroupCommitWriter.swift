import GRDB
import PharosStore

/// The single writer of the SQLite store with group commit: every write of the store goes through it, so the order
/// in which it publishes changes on the change feed is the commit order.
///
/// Callers `submit` one write each and wait until it is committed; while one transaction commits, new writes
/// queue, and the next transaction takes all of them (at most `maxBatch`), so N concurrent writers cost about one
/// commit instead of N. Each write runs in its own savepoint inside the shared transaction: a write that throws is
/// rolled back alone (nothing of it stored half-way, nothing of it published) and its caller gets the error; the
/// others commit. After the transaction commits, the changes of its successful writes are published on `feed`, in
/// order, before their callers resume.
///
/// Callers return only after their write is committed (WAL mode, `synchronous = NORMAL`: committed transactions
/// survive a process crash; the WAL is fsynced at checkpoints, not per transaction).
actor GroupCommitWriter {
    /// One queued write and the caller waiting for it.
    private struct Pending {
        let write: @Sendable (Database) throws -> (any Sendable, [StoreChange])
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// A write's result was not of the type its caller expected (cannot happen: `submit` wraps both ends).
    struct UnexpectedResult: Error {}

    private let pool: DatabasePool
    private let maxBatch: Int
    private let feed: ChangeFeed
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
    ///   - feed: Where committed changes are published.
    init(pool: DatabasePool, maxBatch: Int = 2000, feed: ChangeFeed = ChangeFeed()) {
        self.pool = pool
        self.maxBatch = maxBatch
        self.feed = feed
    }

    /// Queues `write` and returns once the transaction holding it committed.
    /// - Throws: The error `write` threw (only this write is rolled back), or the database error that failed
    ///   the whole transaction.
    func submit(_ write: @escaping @Sendable (Database) throws -> Void) async throws {
        _ = try await submit(changing: { db -> (Bool, [StoreChange]) in
            try write(db)
            return (true, [])
        })
    }

    /// Queues `write`, which returns its result and the changes it made, and returns that result once the
    /// transaction holding it committed and the changes were published.
    /// - Throws: The error `write` threw (only this write is rolled back), or the database error that failed
    ///   the whole transaction.
    @discardableResult
    func submit<T: Sendable>(changing write: @escaping @Sendable (Database) throws -> (T, [StoreChange])) async throws
        -> T
    {
        let result = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<any Sendable, any Error>) in
            pending.append(
                Pending(
                    write: { db in
                        let (value, changes) = try write(db)
                        return (value, changes)
                    }, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        guard let typed = result as? T else { throw UnexpectedResult() }
        return typed
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let writes = batch.map(\.write)
            do {
                let outcomes = try await pool.write { db -> [Result<(any Sendable, [StoreChange]), any Error>] in
                    writes.map { write in
                        var output: (any Sendable, [StoreChange])?
                        do {
                            try db.inSavepoint {
                                output = try write(db)
                                return .commit
                            }
                            guard let output else { return .failure(UnexpectedResult()) }
                            return .success(output)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                transactions += 1
                var committed: [StoreChange] = []
                for outcome in outcomes {
                    if case .success(let output) = outcome { committed.append(contentsOf: output.1) }
                }
                feed.publish(committed)
                for (item, outcome) in zip(batch, outcomes) {
                    switch outcome {
                    case .success(let output):
                        self.writes += 1
                        item.continuation.resume(returning: output.0)
                    case .failure(let error):
                        item.continuation.resume(throwing: error)
                    }
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
