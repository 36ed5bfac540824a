extension CheckState {
    /// Folds one check result into the previous state, following Sensu Go 6.12's event store merge.
    ///
    /// In order (reference §7.2 step 4, §7.3, §7.4):
    /// 1. `{status, executed}` is appended to the history and the oldest entries are dropped beyond
    ///    ``historyLimit`` (21). A first result starts a new history of one entry.
    /// 2. ``occurrences``: +1 when the last two statuses are equal (OK → OK too), otherwise 1.
    /// 3. ``occurrencesWatermark``: 1 on an OK → non-OK transition; unchanged while occurrences ≤ watermark;
    ///    otherwise +1. A first result therefore gets occurrences 1 and watermark 1.
    /// 4. ``totalStateChange`` from the new history (see ``totalStateChange(of:)``).
    /// 5. ``state``: `flapping` when ``isFlapping(totalStateChange:wasFlapping:lowFlapThreshold:highFlapThreshold:)``,
    ///    else `passing` (and ``lastOK`` = `executed`) for status 0, else `failing`. ``lastOK`` is carried over
    ///    otherwise — including for a status-0 result while flapping.
    ///
    /// - Parameters:
    ///   - previous: The stored state, or `nil` for the first result of this (entity, check).
    ///   - status: Exit status of the new result (0 OK, 1 warning, 2 critical, ≥ 3 unknown).
    ///   - executed: Unix time in seconds when the result was executed.
    ///   - lowFlapThreshold: Check's `low_flap_threshold`, percent; 0 disables flap detection.
    ///   - highFlapThreshold: Check's `high_flap_threshold`, percent; 0 disables flap detection.
    /// - Returns: The new state; `previous` is not modified.
    public static func merged(
        previous: CheckState?,
        status: UInt32,
        executed: Int64,
        lowFlapThreshold: UInt32,
        highFlapThreshold: UInt32
    ) -> CheckState {
        var next = previous ?? CheckState()

        next.history.append(CheckHistory(status: status, executed: executed))
        if next.history.count > historyLimit {
            next.history.removeFirst(next.history.count - historyLimit)
        }

        let before = next.previousStatus
        if let before, before == status {
            next.occurrences = next.occurrences.saturatingAdding(1)
        } else {
            next.occurrences = 1
        }

        if let before, before == 0, status != 0 {
            next.occurrencesWatermark = 1
        } else if next.occurrences > next.occurrencesWatermark {
            next.occurrencesWatermark = next.occurrencesWatermark.saturatingAdding(1)
        }

        next.totalStateChange = totalStateChange(of: next.history)
        let flapping = isFlapping(
            totalStateChange: next.totalStateChange,
            wasFlapping: previous?.state == .flapping,
            lowFlapThreshold: lowFlapThreshold,
            highFlapThreshold: highFlapThreshold)
        if flapping {
            next.state = .flapping
        } else if status == 0 {
            next.state = .passing
            next.lastOK = executed
        } else {
            next.state = .failing
        }
        return next
    }

    /// Folds one check result into an optional previous state and reports the transition.
    ///
    /// Same rules as ``merged(previous:status:executed:lowFlapThreshold:highFlapThreshold:)``.
    /// - Parameters:
    ///   - previous: The stored state, or `nil` for the first result of this (entity, check).
    ///   - status: Exit status of the new result.
    ///   - executed: Unix time in seconds when the result was executed.
    ///   - lowFlapThreshold: Percent; 0 disables flap detection.
    ///   - highFlapThreshold: Percent; 0 disables flap detection.
    /// - Returns: The previous and new state with the derived event booleans.
    public static func transition(
        from previous: CheckState?,
        status: UInt32,
        executed: Int64,
        lowFlapThreshold: UInt32,
        highFlapThreshold: UInt32
    ) -> CheckTransition {
        let current = merged(
            previous: previous, status: status, executed: executed,
            lowFlapThreshold: lowFlapThreshold, highFlapThreshold: highFlapThreshold)
        return CheckTransition(previous: previous, current: current)
    }

    /// Folds one check result into this state in place and reports the transition.
    ///
    /// Same rules as ``merged(previous:status:executed:lowFlapThreshold:highFlapThreshold:)``.
    /// - Parameters:
    ///   - status: Exit status of the new result.
    ///   - executed: Unix time in seconds when the result was executed.
    ///   - lowFlapThreshold: Percent; 0 disables flap detection.
    ///   - highFlapThreshold: Percent; 0 disables flap detection.
    /// - Returns: The state before (`self` as it was) and after, with the derived event booleans.
    @discardableResult
    public mutating func record(
        status: UInt32,
        executed: Int64,
        lowFlapThreshold: UInt32,
        highFlapThreshold: UInt32
    ) -> CheckTransition {
        let transition = Self.transition(
            from: self, status: status, executed: executed,
            lowFlapThreshold: lowFlapThreshold, highFlapThreshold: highFlapThreshold)
        self = transition.current
        return transition
    }

    /// Total state change (TSC) of a history, as a whole percentage 0…100 (Sensu Go `core/v2` flap detection).
    ///
    /// 0 unless the history holds 21 entries (with more, only the newest 21 count). Walking entries 1…20, a status
    /// different from the entry before adds a weight that starts at 0.80 and grows by 0.02 per step (so recent
    /// changes weigh up to 1.18); TSC is the weighted sum / 20 × 100, truncated.
    ///
    /// The arithmetic deliberately repeats Sensu's: the sum is accumulated in `Double`, then divided and scaled in
    /// `Float` and truncated. That makes a history that changes at every step 98, not the exact 99, which is the
    /// value Sensu's own tests expect. Vector from Sensu's flapping tests: 0,0,0,1,2,3,3,3,3,0,0,0,1,1,1,1,0,0,0,2,2
    /// gives 34.
    /// - Parameter history: Results, oldest first.
    /// - Returns: Percentage 0…99.
    public static func totalStateChange(of history: [CheckHistory]) -> UInt32 {
        guard history.count >= historyLimit else { return 0 }
        let window = history.suffix(historyLimit)
        var changes = 0.0
        var weight = 0.80
        var previousStatus = window[window.startIndex].status
        for entry in window.dropFirst() {
            if entry.status != previousStatus {
                changes += weight
            }
            weight += 0.02
            previousStatus = entry.status
        }
        let percent = Float(changes) / 20 * 100
        return UInt32(percent)
    }

    /// Flap decision with hysteresis (reference §7.4).
    ///
    /// Requires both thresholds to be non-zero. A check that was flapping keeps flapping while
    /// `totalStateChange > lowFlapThreshold`; a check that was not starts flapping when
    /// `totalStateChange >= highFlapThreshold`.
    ///
    /// Pharos takes `wasFlapping` from the stored previous state. Sensu Go 6.x reads it from a per-history marker
    /// that it never sets, so there the low threshold has no effect and a check flaps exactly while
    /// `totalStateChange >= highFlapThreshold`; Pharos applies the documented hysteresis instead.
    /// - Parameters:
    ///   - totalStateChange: Percent, from ``totalStateChange(of:)``.
    ///   - wasFlapping: Whether the state before this result was `flapping`.
    ///   - lowFlapThreshold: Percent; 0 disables flap detection.
    ///   - highFlapThreshold: Percent; 0 disables flap detection.
    /// - Returns: Whether the check is flapping after this result.
    public static func isFlapping(
        totalStateChange: UInt32,
        wasFlapping: Bool,
        lowFlapThreshold: UInt32,
        highFlapThreshold: UInt32
    ) -> Bool {
        guard lowFlapThreshold != 0, highFlapThreshold != 0 else { return false }
        if wasFlapping {
            return totalStateChange > lowFlapThreshold
        }
        return totalStateChange >= highFlapThreshold
    }
}
