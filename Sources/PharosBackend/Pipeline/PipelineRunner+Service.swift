public import ServiceLifecycle

extension PipelineRunner: Service {
    /// Takes events from the queue until graceful shutdown and runs their handlers, at most
    /// `maxConcurrentHandlers` at a time; waits for the handlers in flight before returning.
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
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await event in events.cancelOnGracefulShutdown() {
                let (plans, resources) = await plan(event)
                guard let resources else { continue }
                for plan in plans {
                    if running >= limit {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.execute(plan, for: event, resources: resources) }
                    running += 1
                }
            }
        }
    }
}
