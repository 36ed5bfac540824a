#!/usr/bin/env python3
"""Drives a running Pharos backend through the `sensu-go` PyPI client (XLAB Steampunk, the library behind the
Sensu Ansible collection): authenticate, then create, get, list, update and delete every resource type the client
supports, read events, and use its label/field selectors.

Usage: sensu-go-client-suite.py URL USERNAME PASSWORD
Prints one line per case and exits 1 when any case fails.

Where the client and the Sensu reference disagree, the client wins (it is what users run). Found so far:
1. It sends selectors form-encoded (`+` for spaces, values in double quotes, `"linux" in check.subscriptions`);
   the backend decodes `+` as a space in list query parameters.
2. It never POSTs: create is GET (expects 404) then PUT (expects 200 or 201) then GET again, for every type.
3. It requires `metadata.name` on silences, which Sensu derives (`subscription:check`): the name sent must be the
   derived one, else the PUT is refused (400, URL/body mismatch).
4. After a reload it PUTs back everything the GET returned, read-only fields included (`created_by`, a silence's
   remaining `expire` next to `expire_at`, an event's `history`, an entity's `system`): the backend accepts its own
   output (`expire_at` wins over `expire`; unknown-field checks know every field the API writes).
5. It cannot delete users (the reference has `DELETE /users/{name}`), and it offers secrets and secrets providers
   (`/api/enterprise/secrets/v1`, commercial in Sensu), which Pharos does not serve: neither is exercised here.
"""
import sys
import traceback

from sensu_go import Client
from sensu_go.clients.resource.operator import And, Equal, In, Matches
from sensu_go.errors import ResponseError

URL, USERNAME, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]
SHA512 = "a" * 128
FAILURES = []


def case(function):
    try:
        function()
        print("ok   " + function.__name__)
    except Exception:  # noqa: BLE001 - every failure is reported, then the suite goes on
        FAILURES.append(function.__name__)
        print("FAIL " + function.__name__)
        traceback.print_exc()
    return function


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


client = Client(URL, username=USERNAME, password=PASSWORD)

# name -> (client collection, spec, a spec change for the update)
NAMESPACED = {
    "asset": (client.assets, {"url": "http://127.0.0.1/a.tar.gz", "sha512": SHA512}, {"filters": ["true"]}),
    "check": (client.checks, {"command": "true", "interval": 10, "subscriptions": ["linux"]}, {"interval": 30}),
    "entity": (client.entities, {"entity_class": "proxy", "subscriptions": ["web"]}, {"subscriptions": ["db"]}),
    "filter": (client.filters, {"action": "allow", "expressions": ["event.check.status == 0"]}, {"action": "deny"}),
    "handler": (client.handlers, {"type": "pipe", "command": "cat"}, {"command": "tee /dev/null"}),
    "hook": (client.hooks, {"command": "true", "timeout": 10}, {"timeout": 20}),
    "mutator": (client.mutators, {"command": "cat"}, {"timeout": 5}),
}


@case
def authenticate_and_read_health():
    response = client.get("/health")
    expect(response.status == 200, response)
    expect(response.json["ClusterHealth"][0]["Healthy"] is True, response)


@case
def namespaced_resources_round_trip():
    for kind, (collection, spec, change) in NAMESPACED.items():
        name = "py-" + kind
        created = collection.create(dict(spec), {"name": name, "labels": {"suite": "python"}})
        expect(created.name == name, (kind, created.metadata))
        fetched = collection.get(name)
        for key, value in spec.items():
            got = fetched.spec.get(key)
            if key == "subscriptions":
                expect(set(value) <= set(got), (kind, key, got))
            else:
                expect(got == value, (kind, key, got))
        expect(fetched.metadata.get("created_by") == USERNAME, (kind, fetched.metadata))
        expect(name in [r.name for r in collection.list()], (kind, "not listed"))
        fetched.spec.update(change)
        fetched.save()
        updated = collection.get(name)
        for key, value in change.items():
            got = updated.spec.get(key)
            if key == "subscriptions":
                expect(set(value) <= set(got), (kind, key, got))
            else:
                expect(got == value, (kind, key, got))
        try:
            collection.create(dict(spec), {"name": name})
            raise AssertionError((kind, "create of an existing resource succeeded"))
        except ValueError:
            pass  # the client refuses by itself after a GET 200
        collection.delete(name)
        expect(collection.find(name) is None, (kind, "still there after delete"))


@case
def listing_follows_sensu_continue():
    for number in range(150):
        client.checks.create({"command": "true", "interval": 10}, {"name": "page-%03d" % number})
    names = [c.name for c in client.checks.list()]
    pages = [n for n in names if n.startswith("page-")]
    expect(len(pages) == 150 and len(set(pages)) == 150, len(pages))
    client.checks.list(field_selector=Matches("name", "page-")).delete()
    expect(not [c for c in client.checks.list() if c.name.startswith("page-")], "pages not deleted")


@case
def selectors_serialised_by_the_client():
    client.checks.create({"command": "true", "interval": 10, "subscriptions": ["linux"]},
                         {"name": "sel-a", "labels": {"team": "ops"}})
    client.checks.create({"command": "true", "interval": 10, "subscriptions": ["windows"]},
                         {"name": "sel-b", "labels": {"team": "dev"}})
    by_label = [c.name for c in client.checks.list(label_selector=Equal("team", "ops"))]
    expect(by_label == ["sel-a"], by_label)
    by_set = [c.name for c in client.checks.list(field_selector=In("linux", "subscriptions"))]
    expect(by_set == ["sel-a"], by_set)
    by_list = [c.name for c in client.checks.list(field_selector=In("name", ["sel-a", "sel-b"]))]
    expect(by_list == ["sel-a", "sel-b"], by_list)
    both = [c.name for c in client.checks.list(
        label_selector=Equal("team", "dev"), field_selector=And(Matches("name", "sel-"), Equal("publish", False)))]
    expect(both == ["sel-b"], both)
    client.checks.delete("sel-a")
    client.checks.delete("sel-b")


@case
def silences_round_trip():
    # The client needs metadata.name; Sensu derives it (subscription:check), so the name must be the derived one.
    silence = client.silences.create({"subscription": "linux", "check": "check-cpu", "expire": 600,
                                      "reason": "patching"}, {"name": "linux:check-cpu"})
    expect(silence.spec["reason"] == "patching", silence.spec)
    expect(0 < silence.spec["expire"] <= 600, silence.spec)
    expect(silence.spec["creator"] == USERNAME, silence.spec)
    expect("linux:check-cpu" in [s.name for s in client.silences.list()], "silence not listed")
    silence.spec["reason"] = "still patching"
    silence.save()
    expect(client.silences.get("linux:check-cpu").spec["reason"] == "still patching", "update lost")
    client.silences.delete("linux:check-cpu")
    expect(client.silences.find("linux:check-cpu") is None, "silence still there")


@case
def events_round_trip_and_proxy_entity():
    spec = {
        "entity": {"metadata": {"name": "py-router", "namespace": "default"}, "entity_class": "proxy"},
        "check": {"metadata": {"name": "ping", "namespace": "default"}, "status": 2, "output": "down",
                  "interval": 60},
    }
    event = client.events.create(spec, {"namespace": "default"})
    expect(event.name == "py-router/ping", event.name)
    fetched = client.events.get("py-router/ping")
    expect(fetched.spec["check"]["status"] == 2, fetched.spec["check"])
    expect(fetched.spec["check"]["occurrences"] == 1, fetched.spec["check"])
    expect("py-router/ping" in [e.name for e in client.events.list()], "event not listed")
    entity = client.entities.get("py-router")
    expect(entity.spec["entity_class"] == "proxy", entity.spec)
    expect("entity:py-router" in entity.spec["subscriptions"], entity.spec)
    fetched.spec["check"]["status"] = 0
    fetched.save()
    resolved = client.events.get("py-router/ping")
    expect(resolved.spec["check"]["status"] == 0, resolved.spec["check"])
    expect([h["status"] for h in resolved.spec["check"]["history"]] == [2, 0], resolved.spec["check"]["history"])
    client.checks.create({"command": "true", "interval": 60}, {"name": "ping"})
    by_check = [e.name for e in client.checks.get("ping").events]
    expect(by_check == ["py-router/ping"], by_check)
    client.checks.delete("ping")
    client.entities.delete("py-router")
    expect(client.events.find("py-router/ping") is None, "deleting the entity left its event")


@case
def namespaces_round_trip():
    namespace = client.namespaces.create({"name": "py-ns"}, {})
    expect(namespace.name == "py-ns", namespace.spec)
    expect("py-ns" in [n.name for n in client.namespaces.list()], "namespace not listed")
    client.checks.create({"command": "true", "interval": 10}, {"name": "inside", "namespace": "py-ns"})
    expect([c.name for c in client.checks.list(namespace="py-ns")] == ["inside"], "check in namespace")
    client.checks.delete("inside", namespace="py-ns")
    client.namespaces.delete("py-ns")
    expect(client.namespaces.find("py-ns") is None, "namespace still there")


@case
def users_create_get_list():
    # The client never deletes users (Sensu disables them instead).
    user = client.users.create({"username": "py-alice", "password": "P@ssw0rd!alice", "groups": ["dev"]}, {})
    expect(user.name == "py-alice", user.spec)
    fetched = client.users.get("py-alice")
    expect(fetched.spec["groups"] == ["dev"], fetched.spec)
    expect("password" not in fetched.spec or not fetched.spec["password"], "password shown")
    expect("py-alice" in [u.name for u in client.users.list()], "user not listed")


@case
def errors_surface_as_response_errors():
    try:
        client.checks.get("does-not-exist")
        raise AssertionError("no error for a missing check")
    except ResponseError as error:
        expect(error.status == 404, error)
        expect('"code":2' in error.text.replace(" ", ""), error.text)


print("%d case(s) failed: %s" % (len(FAILURES), ", ".join(FAILURES)) if FAILURES else "all cases passed")
sys.exit(1 if FAILURES else 0)
