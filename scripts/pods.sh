#!/usr/bin/env bash
# The seed's Kubernetes demo on real pods: podman plays the seed's nginx-deployment-with-sensu-sidecar.yaml (nginx +
# a pharos-agent sidecar sharing the pod's network) against a Pharos backend, InfluxDB and the seed's Sensu
# resources, and measures registration and de-registration as pods come and go.
#
#   scripts/pods.sh up          images (built if missing), network, InfluxDB, backend, seed resources, 3 pods
#   scripts/pods.sh scale N     add or remove pods (removal is graceful: SIGTERM, as Kubernetes does); prints per pod
#                               "agent container started -> entity visible" or "stop -> entity gone"
#   scripts/pods.sh stop POD    graceful stop of one pod (SIGTERM to its containers, as the kubelet), then removal
#   scripts/pods.sh kill POD    the pod removed without grace (SIGKILL; a bare SIGKILL would be followed by a
#                               restart, restartPolicy Always): its entity goes by keepalive failure + timeout
#   scripts/pods.sh verify      check-nginx passes in every pod and InfluxDB has points tagged with each pod's name
#   scripts/pods.sh accept      up, scale 10, verify, scale 0, up again with 3, kill one, down (the issue's run)
#   scripts/pods.sh smoke       up, scale 5, verify, scale 0, down (CI's short run)
#   scripts/pods.sh down        remove pods, network and the host processes
#
# Runs as root on Debian 12 with podman + runc (apt-get install podman runc debootstrap). The backend, InfluxDB and
# the asset server run on the host; the backend's agent port listens on 0.0.0.0 and the pods reach it on the podman
# network's gateway address (checked to be on a local interface first; nothing is sent off this machine).
#
# The only changes made to the seed's manifest before `podman kube play` (see render_deployment):
#   apiVersion extensions/v1beta1 -> apps/v1; image nginx:latest -> localhost/pharos-demo-nginx (no registry here);
#   image sensu/sensu:5.11.1 -> localhost/pharos-agent; command /opt/sensu/bin/sensu-agent ->
#   /usr/local/bin/pharos-agent; SENSU_BACKEND_URL (three cluster DNS names) -> wss://GATEWAY:AGENT_PORT; the
#   Service document and nginx's `ports:` dropped (podman 4.3 would publish port 80 on the host for every pod);
#   replicas as asked. podman cannot change a played Deployment's replica count, so `scale` up plays each added
#   replica as a Pod made of the same pod template, named nginx-pod-K after podman's own replica names.
# The seed's Sensu resources get quickstart.sh's substitutions (scripts/lib/demo.sh, substitute()).
#
# Environment: PHAROS_BIN_DIR (host binaries; default .build-release, then .build/release), PHAROS_PODS_DIR
#   (/tmp/pharos-pods), PHAROS_PODS_SUBNET (10.231.5: network 10.231.5.0/24, gateway .1), PHAROS_PODS_API_PORT
#   (18080), _AGENT_PORT (18081), _INFLUX_PORT (18086), _ASSET_PORT (18000), _DASHBOARD_PORT (13000, when the
#   backend has a dashboard), PHAROS_SHARED_DIR.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${PHAROS_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}
seed="$shared/fixtures/seed-demo"
work=${PHAROS_PODS_DIR:-/tmp/pharos-pods}
subnet=${PHAROS_PODS_SUBNET:-10.231.5}
host_ip="$subnet.1"
network=pharos-pods
api_port=${PHAROS_PODS_API_PORT:-18080}
agent_port=${PHAROS_PODS_AGENT_PORT:-18081}
influx_port=${PHAROS_PODS_INFLUX_PORT:-18086}
asset_port=${PHAROS_PODS_ASSET_PORT:-18000}
dashboard_port=${PHAROS_PODS_DASHBOARD_PORT:-13000}
tag=${PHAROS_IMAGE_TAG:-0.1.0}
admin_user=admin
admin_password=pods-admin-pw
namespace=webinar
podman=(podman --runtime runc)
pids=()

# shellcheck source=scripts/lib/demo.sh
source "$repo/scripts/lib/demo.sh"

[ "$(id -u)" = 0 ] || fail "run as root"
[ -d "$seed" ] || fail "seed fixtures not found at $seed (set PHAROS_SHARED_DIR)"

find_bin() {
    if [ -n "${PHAROS_BIN_DIR:-}" ]; then
        bin=$PHAROS_BIN_DIR
    elif [ -x "$repo/.build-release/release/pharos-backend" ]; then
        bin=$repo/.build-release/release
    else
        bin=$repo/.build/release
    fi
    for tool in pharos-backend pharos-agent pharosctl pharos-influxdb-handler pharos-metric-tag-enrichment; do
        [ -x "$bin/$tool" ] || fail "$bin/$tool is missing (scripts/build-images.sh builds them; or set PHAROS_BIN_DIR)"
    done
}

ensure_images() {
    local missing=false
    for image in pharos-agent pharos-demo-nginx; do
        "${podman[@]}" image exists "localhost/$image:$tag" || missing=true
    done
    if $missing; then
        log "building the images (scripts/build-images.sh --demo)"
        PHAROS_BIN_DIR=$bin "$repo/scripts/build-images.sh" --demo --only agent
        PHAROS_BIN_DIR=$bin "$repo/scripts/build-images.sh" --only nginx
    fi
}

# The podman network's gateway address only appears on a local bridge once a pod is attached: an empty "anchor"
# pod holds it, and the address is checked before anything is told to use it.
ensure_network() {
    if ! "${podman[@]}" network exists "$network"; then
        "${podman[@]}" network create --subnet "$subnet.0/24" --gateway "$host_ip" "$network" >/dev/null
    fi
    if ! "${podman[@]}" pod exists pharos-pods-anchor; then
        "${podman[@]}" pod create --name pharos-pods-anchor --network "$network" >/dev/null
    fi
    "${podman[@]}" pod start pharos-pods-anchor >/dev/null
    ip -4 -o addr show | grep -q " inet $host_ip/" ||
        fail "$host_ip is not on a local interface after attaching a pod to $network; refusing to use it"
}

render_deployment() { # render_deployment REPLICAS → the seed's manifest with the substitutions above, on stdout
    python3 - "$seed/kubernetes/nginx-deployment-with-sensu-sidecar.yaml" "$1" "wss://$host_ip:$agent_port" "$tag" <<'PY'
import sys, yaml
path, replicas, backend, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
docs = [d for d in yaml.safe_load_all(open(path)) if d and d.get("kind") == "Deployment"]
(deployment,) = docs
deployment["apiVersion"] = "apps/v1"
deployment["spec"]["replicas"] = replicas
for container in deployment["spec"]["template"]["spec"]["containers"]:
    container.pop("ports", None)
    if container["image"] == "nginx:latest":
        container["image"] = f"localhost/pharos-demo-nginx:{tag}"
    elif container["image"] == "sensu/sensu:5.11.1":
        container["image"] = f"localhost/pharos-agent:{tag}"
        container["command"][0] = container["command"][0].replace("/opt/sensu/bin/sensu-agent", "/usr/local/bin/pharos-agent")
        for env in container["env"]:
            if env["name"] == "SENSU_BACKEND_URL":
                env["value"] = backend
    else:
        sys.exit(f"unexpected image {container['image']} in {path}")
yaml.safe_dump(deployment, sys.stdout, sort_keys=False)
PY
}

render_pods() { # render_pods INDEX... → one Pod per index from the Deployment's pod template
    render_deployment 1 | python3 -c '
import sys, yaml
deployment = yaml.safe_load(sys.stdin)
template = deployment["spec"]["template"]
for index in sys.argv[1:]:
    labels = dict(template["metadata"].get("labels", {}))
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"nginx-pod-{index}", "labels": labels},
           "spec": template["spec"]}
    print("---")
    yaml.safe_dump(pod, sys.stdout, sort_keys=False)
' "$@"
}

pods() { "${podman[@]}" pod ps --format '{{.Name}}' --filter name='^nginx-pod-[0-9]+$' | sort -t- -k3 -n; }
watch() { python3 "$repo/scripts/lib/pods_watch.py" "$1" "http://127.0.0.1:$api_port" "$admin_user" "$admin_password" "$namespace" "$2" "${@:3}"; }

measure_appear() { # measure_appear POD... &  (start it before the pods: it polls from the first moment)
    watch appear 30 "$@"
}

# The kubelet's graceful stop: SIGTERM to the main process of every container of the pod at the same moment, sent by
# the watcher once it is logged in and timed from there (podman commands take a second or more each on a busy
# machine). `podman pod stop -t 30` then waits for them (SIGKILL after 30 s, terminationGracePeriodSeconds).
main_pids() { "${podman[@]}" inspect --format '{{.State.Pid}}' "$1-nginx" "$1-sensu-agent" | paste -sd, -; }
stop_pods() { # stop_pods POD... (all at once, as a Deployment's scale-down does)
    local args=() pod status=0
    for pod in "$@"; do args+=("$pod=$(main_pids "$pod")"); done
    watch gone 30 "${args[@]}" || status=1
    "${podman[@]}" pod stop -t 30 "$@" >/dev/null
    "${podman[@]}" pod rm "$@" >/dev/null
    return $status
}

cmd_up() {
    find_bin
    ensure_images
    mkdir -p "$work"
    [ -s "$work/host.pids" ] && fail "already up (scripts/pods.sh down first)"
    rm -rf "${work:?}"/*
    pids=()
    ensure_network
    # The host processes' pids are saved at once, so that `down` stops them even when `up` fails half-way.
    start_influxdb
    printf '%s\n' "${pids[@]}" >"$work/host.pids"
    start_backend
    printf '%s\n' "${pids[@]}" >"$work/host.pids"
    pack_assets
    printf '%s\n' "${pids[@]}" >"$work/host.pids"
    substitute
    apply_resources
    render_deployment 3 >"$work/nginx-deployment.yaml"
    log "podman kube play $work/nginx-deployment.yaml (3 replicas)"
    measure_appear nginx-pod-0 nginx-pod-1 nginx-pod-2 &
    local watcher=$!
    "${podman[@]}" kube play --network "$network" "$work/nginx-deployment.yaml" >/dev/null
    wait "$watcher"
}

cmd_scale() {
    local want=$1 have new=() pod
    find_bin
    mapfile -t current < <(pods)
    have=${#current[@]}
    if [ "$want" -gt "$have" ]; then
        local next=0
        for pod in "${current[@]}"; do next=$(( ${pod##*-} >= next ? ${pod##*-} + 1 : next )); done
        for ((i = 0; i < want - have; i++)); do new+=($((next + i))); done
        render_pods "${new[@]}" >"$work/scale-up.yaml"
        log "scale $have -> $want: podman kube play ${#new[@]} pods"
        measure_appear "${new[@]/#/nginx-pod-}" &
        local watcher=$!
        "${podman[@]}" kube play --network "$network" "$work/scale-up.yaml" >/dev/null
        wait "$watcher"
    elif [ "$want" -lt "$have" ]; then
        local gone=("${current[@]:want}")
        log "scale $have -> $want: SIGTERM to ${gone[*]}"
        stop_pods "${gone[@]}"
    fi
}

cmd_stop() {
    log "SIGTERM to $1 (graceful stop)"
    stop_pods "$1"
}

cmd_kill() {
    log "$1 removed without grace (SIGKILL): its entity should stay until its keepalive expires (10 s), then be de-registered"
    watch keepalive-cycle 60 "$1"
}

cmd_verify() {
    mapfile -t current < <(pods)
    local names
    names="[$(printf "'%s'," "${current[@]}")]"
    log "verifying ${#current[@]} pods: check-nginx and InfluxDB points"
    expect_within 40 "a passing check-nginx event per pod" \
        "all(event(n, 'check-nginx') and event(n, 'check-nginx')['check']['status'] == 0 for n in $names)"
    expect_within 30 "InfluxDB points of check-nginx tagged with each pod's name" \
        "all(any(s['name'] == 'time' and s['tags'].get('entity') == n for s in influx) for n in $names)"
}

cmd_down() {
    log "removing pods, the network and the host processes"
    mapfile -t current < <(pods)
    [ "${#current[@]}" -eq 0 ] || "${podman[@]}" pod rm -f "${current[@]}" >/dev/null
    "${podman[@]}" pod rm -f pharos-pods-anchor >/dev/null 2>&1 || true
    "${podman[@]}" network rm -f "$network" >/dev/null 2>&1 || true
    if [ -s "$work/host.pids" ]; then
        # SIGTERM, then SIGKILL for what is left after 3 s (a parent that ignores SIGTERM passes that on).
        xargs -r kill <"$work/host.pids" 2>/dev/null || true
        for _ in $(seq 1 30); do
            xargs -r ps -o pid= -p <"$work/host.pids" >/dev/null 2>&1 || break
            sleep 0.1
        done
        xargs -r kill -9 <"$work/host.pids" 2>/dev/null || true
        rm -f "$work/host.pids"
    fi
}

cmd_accept() {
    cmd_up
    cmd_scale 10
    cmd_verify
    cmd_scale 0
    log "no keepalive failure afterwards: waiting past the 10 s keepalive timeout"
    sleep 12
    check_state "not [e for e in events if e['entity']['metadata']['name'].startswith('nginx-pod-')] and not [e for e in entities if e['metadata']['name'].startswith('nginx-pod-')]" ||
        fail "entities or events of stopped pods came back"
    echo "  ok: no entity and no event of the stopped pods 12 s later"
    cmd_scale 3
    cmd_kill "$(pods | head -1)"
    cmd_down
}

# CI's short run (.ci/run, when deploy/ or the image scripts changed): 3 -> 5 -> 0 with every measurement met
# (deadlines are generous: the figures are printed, not asserted).
cmd_smoke() {
    cmd_up
    cmd_scale 5
    cmd_verify
    cmd_scale 0
    cmd_down
}

case "${1:-}" in
    up) cmd_up ;;
    scale) [ "${2:-}" -ge 0 ] 2>/dev/null || fail "usage: $0 scale N"; cmd_scale "$2" ;;
    stop) [ -n "${2:-}" ] || fail "usage: $0 stop POD"; cmd_stop "$2" ;;
    kill) [ -n "${2:-}" ] || fail "usage: $0 kill POD"; cmd_kill "$2" ;;
    verify) cmd_verify ;;
    accept) trap 'cmd_down' EXIT; cmd_accept; trap - EXIT ;;
    smoke) trap 'cmd_down' EXIT; cmd_smoke; trap - EXIT ;;
    down) cmd_down ;;
    *) echo "usage: $0 up|scale N|stop POD|kill POD|verify|accept|smoke|down" >&2; exit 2 ;;
esac
