"""Watches a Pharos backend's entities and events for scripts/pods.sh and prints measured times.

usage: pods_watch.py appear API_URL USER PASSWORD NAMESPACE DEADLINE_S NAME...
       pods_watch.py gone API_URL USER PASSWORD NAMESPACE DEADLINE_S NAME=PID[,PID...]...
       pods_watch.py keepalive-cycle API_URL USER PASSWORD NAMESPACE DEADLINE_S NAME...

appear:          for each NAME, seconds from its agent container's start (podman inspect NAME-sensu-agent, read once
                 the entity is seen; START is ignored, so the watcher can run before the pods are played) to its
                 entity being listed;
gone:            sends SIGTERM to every PID (the main processes of the pods' containers) at once, once logged in,
                 then seconds from that moment to each entity and its events being gone; also fails when a failing
                 keepalive event was seen for it on the way;
keepalive-cycle: removes each pod NAME at once without grace (`podman pod rm -f -t 0`: SIGKILL), then seconds to
                 the entity being gone, which must take at least 5 s (keepalive-timeout 10 s minus interval 5 s: it
                 went by keepalive expiry, not by a goodbye). With deregister: true an expired entity is
                 de-registered without a failing keepalive event (Sensu Go 6 keepalived); one is reported if seen.
Polls every 50 ms; exit 1 when a condition is not met within DEADLINE_S seconds.
"""
import base64, datetime, json, os, signal, subprocess, sys, time, urllib.request

mode, api, user, password, namespace, deadline = sys.argv[1:7]
targets = dict((a.split("=", 1) + [""])[:2] for a in sys.argv[7:])
starts = {name: 0.0 for name in targets}


def container_start(pod):
    text = subprocess.run(["podman", "inspect", "--format", "{{.State.StartedAt}}", f"{pod}-sensu-agent"],
                          capture_output=True, text=True, check=True).stdout.split()
    # "2026-12-03 20:13:58.736891395 +0000 UTC": microseconds are enough.
    day, clock = text[0], text[1]
    whole, _, fraction = clock.partition(".")
    stamp = datetime.datetime.fromisoformat(f"{day}T{whole}.{(fraction + '000000')[:6]}+00:00")
    return stamp.timestamp()


def token():
    request = urllib.request.Request(f"{api}/auth")
    request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["access_token"]


bearer = token()
if mode == "gone":
    pids = [int(p) for value in targets.values() for p in value.split(",") if p]
    sent = time.time()
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    starts = {name: sent for name in targets}
elif mode == "keepalive-cycle":
    # SIGKILL alone would be undone: the played pods restart their containers (restartPolicy Always), as a kubelet
    # would. A pod that vanishes without grace (node loss) is `podman pod rm -f -t 0`: SIGKILL, no restart.
    sent = time.time()
    killers = [subprocess.Popen(["podman", "--runtime", "runc", "pod", "rm", "-f", "-t", "0", name],
                                stdout=subprocess.DEVNULL) for name in targets]
    starts = {name: sent for name in targets}
deadline = time.time() + float(deadline)


def get(path):
    request = urllib.request.Request(f"{api}/api/core/v2/namespaces/{namespace}/{path}")
    request.add_header("Authorization", f"Bearer {bearer}")
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


done, failed_keepalive, failing_seen = {}, set(), {}
while len(done) < len(starts) and time.time() < deadline:
    entities = {e["metadata"]["name"] for e in get("entities")}
    events = get("events")
    # The state was observed by now at the latest: an upper bound of each measured time.
    now = time.time()
    for e in events:
        name = e["entity"]["metadata"]["name"]
        if name in starts and e["check"]["metadata"]["name"] == "keepalive" and e["check"]["status"] != 0:
            failed_keepalive.add(name)
            failing_seen.setdefault(name, now)
    with_events = {e["entity"]["metadata"]["name"] for e in events}
    for name, start in starts.items():
        if name in done:
            continue
        if mode == "appear" and name in entities:
            starts[name] = container_start(name)
            done[name] = now - starts[name]
        elif mode == "gone" and name not in entities and name not in with_events:
            done[name] = now - start
        elif mode == "keepalive-cycle" and name not in entities:
            done[name] = now - start
    time.sleep(0.05)

status = 0
for name in sorted(starts):
    if name not in done:
        print(f"  {name}: NOT {mode} within the deadline")
        status = 1
    elif mode == "appear":
        print(f"  {name}: agent container started -> entity visible in {done[name]:.2f} s")
    elif mode == "gone":
        note = "  (a failing keepalive was seen!)" if name in failed_keepalive else ", no keepalive failure"
        print(f"  {name}: stop -> entity and events gone in {done[name]:.2f} s{note}")
        status |= name in failed_keepalive
    else:
        failing = (f"failing keepalive event at {failing_seen[name] - starts[name]:.2f} s"
                   if name in failing_seen else "no failing keepalive event (deregister: true)")
        print(f"  {name}: killed -> entity still listed until keepalive expiry, de-registered at {done[name]:.2f} s; {failing}")
        if done[name] < 5:
            print(f"  {name}: gone too early for a keepalive expiry")
            status = 1
if done:
    print(f"  max {max(done.values()):.2f} s over {len(done)} pods")
sys.exit(status)
