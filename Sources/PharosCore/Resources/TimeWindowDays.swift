/// Time ranges per day of the week (`all`, `sunday` … `saturday`), as in Sensu Go `core/v2` `TimeWindowDays`.
public struct TimeWindowDays: Sendable, Hashable, Codable {
    /// Ranges that apply every day.
    public var all: [TimeWindowTimeRange]
    /// Ranges for Sunday (UTC).
    public var sunday: [TimeWindowTimeRange]
    /// Ranges for Monday (UTC).
    public var monday: [TimeWindowTimeRange]
    /// Ranges for Tuesday (UTC).
    public var tuesday: [TimeWindowTimeRange]
    /// Ranges for Wednesday (UTC).
    public var wednesday: [TimeWindowTimeRange]
    /// Ranges for Thursday (UTC).
    public var thursday: [TimeWindowTimeRange]
    /// Ranges for Friday (UTC).
    public var friday: [TimeWindowTimeRange]
    /// Ranges for Saturday (UTC).
    public var saturday: [TimeWindowTimeRange]

    /// Creates a set of day ranges; every day defaults to none.
    public init(
        all: [TimeWindowTimeRange] = [], sunday: [TimeWindowTimeRange] = [], monday: [TimeWindowTimeRange] = [],
        tuesday: [TimeWindowTimeRange] = [], wednesday: [TimeWindowTimeRange] = [],
        thursday: [TimeWindowTimeRange] = [], friday: [TimeWindowTimeRange] = [],
        saturday: [TimeWindowTimeRange] = []
    ) {
        self.all = all
        self.sunday = sunday
        self.monday = monday
        self.tuesday = tuesday
        self.wednesday = wednesday
        self.thursday = thursday
        self.friday = friday
        self.saturday = saturday
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case all, sunday, monday, tuesday, wednesday, thursday, friday, saturday
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        all = try container.lenient(.all, [])
        sunday = try container.lenient(.sunday, [])
        monday = try container.lenient(.monday, [])
        tuesday = try container.lenient(.tuesday, [])
        wednesday = try container.lenient(.wednesday, [])
        thursday = try container.lenient(.thursday, [])
        friday = try container.lenient(.friday, [])
        saturday = try container.lenient(.saturday, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, ranges) in namedRanges { try container.encodeOmitEmpty(ranges, forKey: key) }
    }

    var namedRanges: [(CodingKeys, [TimeWindowTimeRange])] {
        [
            (.all, all), (.sunday, sunday), (.monday, monday), (.tuesday, tuesday), (.wednesday, wednesday),
            (.thursday, thursday), (.friday, friday), (.saturday, saturday),
        ]
    }

    /// The ranges for a weekday number as `Calendar` counts them (1 = Sunday … 7 = Saturday).
    public func ranges(forWeekday weekday: Int) -> [TimeWindowTimeRange] {
        switch weekday {
        case 1: sunday
        case 2: monday
        case 3: tuesday
        case 4: wednesday
        case 5: thursday
        case 6: friday
        case 7: saturday
        default: []
        }
    }
}
