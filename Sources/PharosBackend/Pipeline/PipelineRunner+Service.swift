import PharosCore
public import ServiceLifecycle

extension PipelineRunner: Service {
    /// Takes events from the queue until graceful shutdown and runs their handlers, at most
    /// `maxConcurrentHandlers` handler runs at a time; waits for the handlers in flight before returning.
    ///
    /// Events of one `(namespace, entity, check)` (``EventLaneKey``) run one after the other in queue order — the
    /// order the event processor stored them (issue #18 item 11) — while different keys run in parallel.
    /// The built-in InfluxDB sink runs beside the loop and writes what is queued once the handlers have finished.
    public func run() async throws {
        let limit = maxConcurrentHandlers
        let sink = builtinSink
        await withTaskGroup(of: Void.self) { services in
            services.addTask { await sink.run() }
            await runHandlers(limit: limit)
            await sink.finish()
        }
        finishQueue()
    }

    private func runHandlers(limit: Int) async {
        let order = KeyedOrder<EventLaneKey>()
        let slots = HandlerSlots(limit)
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await event in events.cancelOnGracefulShutdown() {
                if running >= limit {
                    await group.next()
                    running -= 1
                }
                let after = await order.enqueue(EventLaneKey(event)) {
                    await self.runPlans(of: event, slots: slots)
                }
                group.addTask { await after.value }
                running += 1
            }
        }
    }

    /// Plans the event and runs its handlers, each holding one of `slots` while it runs.
    private func runPlans(of event: Event, slots: HandlerSlots) async {
        let (plans, resources) = await plan(event)
        guard let resources else { return }
        await withTaskGroup(of: Void.self) { group in
            for plan in plans {
                await slots.acquire()
                group.addTask {
                    await self.execute(plan, for: event, resources: resources)
                    await slots.release()
                }
            }
        }
    }
}

/// Runs work one key at a time: each piece starts once the previous piece of its key (in `enqueue` order) has
/// finished; different keys do not wait for each other.
actor KeyedOrder<Key: Hashable & Sendable> {
    private var tails: [Key: (id: UInt64, task: Task<Void, Never>)] = [:]
    private var nextID: UInt64 = 0

    /// Starts `work` after the work enqueued before it for `key`; returns its task.
    func enqueue(_ key: Key, _ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let previous = tails[key]?.task
        nextID &+= 1
        let id = nextID
        let task = Task {
            await previous?.value
            await work()
            self.done(key, id: id)
        }
        tails[key] = (id, task)
        return task
    }

    private func done(_ key: Key, id: UInt64) {
        if tails[key]?.id == id { tails.removeValue(forKey: key) }
    }
}

/// A counting semaphore bounding the handler runs in flight.
actor HandlerSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Creates `count` slots (at least 1).
    init(_ count: Int) { free = max(1, count) }

    /// Waits for a free slot and takes it.
    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a slot back (to the longest waiter, if any).
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
