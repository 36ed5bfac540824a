import PharosCore
import Testing

@Suite struct SelectorTests {
    @Test(arguments: [
        ("check.name == check-cpu", [SelectorRequirement(key: "check.name", op: .equal, values: ["check-cpu"])]),
        ("check.name != 'check cpu'", [SelectorRequirement(key: "check.name", op: .notEqual, values: ["check cpu"])]),
        (
            "linux in check.subscriptions",
            [SelectorRequirement(key: "check.subscriptions", op: .in, values: ["linux"])]
        ),
        (
            "region in [us-east, \"us west\"]",
            [SelectorRequirement(key: "region", op: .in, values: ["us-east", "us west"])]
        ),
        ("region notin [eu]", [SelectorRequirement(key: "region", op: .notIn, values: ["eu"])]),
        ("entity.name matches web", [SelectorRequirement(key: "entity.name", op: .matches, values: ["web"])]),
        (
            "event.check.status != 0 && linux in event.entity.subscriptions",
            [
                SelectorRequirement(key: "event.check.status", op: .notEqual, values: ["0"]),
                SelectorRequirement(key: "event.entity.subscriptions", op: .in, values: ["linux"]),
            ]
        ),
        (
            "a==b&&c!=d",
            [
                SelectorRequirement(key: "a", op: .equal, values: ["b"]),
                SelectorRequirement(key: "c", op: .notEqual, values: ["d"]),
            ]
        ),
        ("   ", []),
    ])
    func parses(_ text: String, expected: [SelectorRequirement]) throws {
        #expect(try Selector(parsing: text).requirements == expected)
    }

    @Test(arguments: [
        ("check.name = x", "unexpected \"=\" at character 12"),
        ("check.name", "expected an operator (==, !=, in, notin, matches) after \"check.name\" at character 1"),
        ("check.name ==", "expected a value after \"==\" at character 12"),
        ("check.name > 3", "unknown operator"),
        ("check.name == 'open", "unterminated quoted value starting at character 15"),
        ("a in [x, y", "unterminated [list]"),
        ("a in []", "empty [list]"),
        ("a == b c == d", "expected \"&&\" between clauses at character 8"),
        ("a == b &&", "expected a clause after \"&&\""),
        ("a == b || c == d", "unexpected \"|\"|unknown operator|expected"),
        ("a == [x]", "a [list] is only allowed after in or notin"),
        ("a & b", "expected \"&&\" at character 3"),
    ])
    func refusesWithAPosition(_ text: String, fragment: String) {
        #expect {
            try Selector(parsing: text, parameter: "fieldSelector")
        } throws: { error in
            guard let error = error as? SelectorError else { return false }
            let fragments = fragment.split(separator: "|").map(String.init)
            return error.parameter == "fieldSelector" && fragments.contains { error.description.contains($0) }
        }
    }

    static let check = CheckConfig(
        metadata: ObjectMeta(name: "check-cpu", namespace: "default", labels: ["team": "ops"]),
        command: "check-cpu.sh", handlers: ["slack"], interval: 60, subscriptions: ["linux", "web"])

    @Test(arguments: [
        ("check.name == check-cpu", true),
        ("check.name == check-disk", false),
        ("check.name != check-disk", true),
        ("linux in check.subscriptions", true),
        ("windows in check.subscriptions", false),
        ("windows notin check.subscriptions", true),
        ("check.subscriptions == web", true),
        ("check.name in [check-mem, check-cpu]", true),
        ("check.name notin [check-mem, check-cpu]", false),
        ("check.name matches cpu", true),
        ("check.subscriptions matches lin", true),
        ("check.publish == false", true),
        ("labels.team == ops", true),
        ("check.labels.team == ops", true),
        ("labels.missing == x", false),
        ("labels.missing != x", true),
        ("check.namespace == default && check.handlers == slack", true),
        ("check.namespace == default && check.handlers == email", false),
    ])
    func matchesFieldsOfACheck(_ text: String, expected: Bool) throws {
        let selector = try Selector(parsing: text)
        #expect(SelectorFields(Self.check).matches(fieldSelector: selector, labelSelector: nil) == expected)
    }

    @Test func labelSelectorUsesBareLabelNames() throws {
        let fields = SelectorFields(Self.check)
        #expect(fields.matches(fieldSelector: nil, labelSelector: try Selector(parsing: "team == ops")))
        #expect(!fields.matches(fieldSelector: nil, labelSelector: try Selector(parsing: "team in [dev, qa]")))
    }

    @Test func eventFieldsFollowSensu() throws {
        var check = Check(config: CheckConfig(metadata: ObjectMeta(name: "disk", namespace: "default")))
        check.status = 2
        let event = Event(
            timestamp: 1,
            entity: Entity(
                metadata: ObjectMeta(name: "web-1", namespace: "default"), entityClass: "proxy",
                subscriptions: ["web"]),
            check: check, metadata: ObjectMeta(namespace: "default"))
        let fields = SelectorFields(event)
        #expect(fields.field("event.check.status") == .scalar("2"))
        #expect(fields.field("event.entity.name") == .scalar("web-1"))
        #expect(fields.field("event.entity.subscriptions") == .list(["web"]))
        #expect(Set(fields.fields.keys) == SelectorFields.names(of: .event))
    }

    @Test(arguments: ResourceType.allCases)
    func declaredNamesCoverTheFieldsOfEveryType(_ type: ResourceType) {
        #expect(SelectorFields.names(of: type).contains("\(SelectorFields.prefix(of: type)).name"))
    }
}

@Suite struct JSONMergePatchTests {
    /// The examples of RFC 7386 Appendix A.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func rfc7386Examples(target: String, patch: String, expected: String) throws {
        let merged = try TestJSON.tree(target).merged(with: try TestJSON.tree(patch))
        #expect(merged == (try TestJSON.tree(expected)))
    }
}
