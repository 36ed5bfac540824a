extension CheckState {
    private enum CodingKeys: String, CodingKey {
        case history
        case occurrences
        case occurrencesWatermark = "occurrences_watermark"
        case totalStateChange = "total_state_change"
        case state
        case lastOK = "last_ok"
    }

    /// Decodes Sensu's check fields; absent fields take their zero value.
    ///
    /// A missing or empty `state` (as on a result that was never processed) is derived from the latest history
    /// entry: status 0 (or no history) is `passing`, anything else `failing`.
    /// - Throws: `DecodingError.dataCorrupted` when `state` is a string other than `passing`, `failing`,
    ///   `flapping` or empty; `DecodingError` for values of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        history = try container.decodeIfPresent([CheckHistory].self, forKey: .history) ?? []
        occurrences = try container.decodeIfPresent(Int64.self, forKey: .occurrences) ?? 0
        occurrencesWatermark = try container.decodeIfPresent(Int64.self, forKey: .occurrencesWatermark) ?? 0
        totalStateChange = try container.decodeIfPresent(UInt32.self, forKey: .totalStateChange) ?? 0
        lastOK = try container.decodeIfPresent(Int64.self, forKey: .lastOK) ?? 0
        let rawState = try container.decodeIfPresent(String.self, forKey: .state) ?? ""
        if rawState.isEmpty {
            state = (history.last?.status ?? 0) == 0 ? .passing : .failing
        } else if let name = CheckStateName(rawValue: rawState) {
            state = name
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container,
                debugDescription: "check state \"\(rawState)\" is not one of passing, failing, flapping")
        }
    }

    /// Encodes Sensu's check field names.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(history, forKey: .history)
        try container.encode(occurrences, forKey: .occurrences)
        try container.encode(occurrencesWatermark, forKey: .occurrencesWatermark)
        try container.encode(totalStateChange, forKey: .totalStateChange)
        try container.encode(state, forKey: .state)
        try container.encode(lastOK, forKey: .lastOK)
    }
}
