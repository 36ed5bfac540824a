#!/usr/bin/env bash
# Pharos quickstart: the Sensu sidecar demo (../shared/fixtures/seed-demo) on one machine.
#
# What it does, in order (root, Debian 12):
#   1. installs what is missing (nginx, monitoring-plugins-basic, influxdb, iproute2, curl, openssl);
#   2. builds Pharos' release binaries (or uses PHAROS_BIN_DIR);
#   3. starts InfluxDB 1.x (database `sensu`) and pharos-backend (REST on 127.0.0.1, agents over TLS WebSockets
#      with a generated self-signed certificate);
#   4. creates namespace `webinar`, packs Debian's monitoring-plugins and Pharos' two plugin binaries into asset
#      tarballs served over HTTP, and applies the seed's check-nginx.yaml and influxdb.yaml with the substitutions
#      documented in `substitute()` below;
#   5. starts N "pods": each a Linux network namespace on a bridge, with its own hostname (UTS namespace), nginx on
#      port 80 of the pod's loopback and a pharos-agent started with the seed sidecar's exact flags and SENSU_* env;
#   6. with --node-exporter: starts Debian's prometheus-node-exporter on the bridge address and a "node" agent on
#      the host (subscription daemonset, HOST_IP set as the companion demo's DaemonSet does), packs
#      pharos-prometheus-collector as the `prometheus-collector` asset and applies the companion demo's
#      node-prometheus check (examples/sensu-kube-demo/) plus a pharos-backend-metrics check scraping the backend's
#      /metrics; node_* and pharos_* measurements then reach InfluxDB, for the Grafana dashboards in deploy/grafana/.
#
# Usage: scripts/quickstart.sh            keep running until Ctrl-C, then clean up everything it made
#        scripts/quickstart.sh --once     verify the demo (entities, events, InfluxDB points), clean up, exit 0/1
#        scripts/quickstart.sh --e2e      --once plus the failure scenarios (nginx down/up, SIGTERM, SIGKILL,
#                                         an agent without --deregister)
#        add --node-exporter to any of these for step 6 (and its verification with --once/--e2e)
# Environment: PHAROS_BIN_DIR (use these binaries, skip the build), PHAROS_QS_DIR (work dir),
#   PHAROS_QS_PODS (3), PHAROS_QS_API_PORT (8080), PHAROS_QS_AGENT_PORT (8081), PHAROS_QS_DASHBOARD_PORT (3000),
#   PHAROS_QS_INFLUX_PORT (8086),
#   PHAROS_QS_ASSET_PORT (8000), PHAROS_QS_SUBNET (10.231.0; the bridge is .1, pods are .11, .12, ...),
#   PHAROS_SHARED_DIR (the seed fixtures; default ../shared beside the repository),
#   PHAROS_QS_NODE_EXPORTER_PORT (9100; the node exporter listens on the bridge address).
set -euo pipefail

mode=run
node_exporter=false
for argument in "$@"; do
    case "$argument" in
        --once) mode=once ;;
        --e2e) mode=e2e ;;
        --node-exporter) node_exporter=true ;;
        *) echo "usage: $0 [--once|--e2e] [--node-exporter]" >&2; exit 2 ;;
    esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${PHAROS_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}
seed="$shared/fixtures/seed-demo"
work=${PHAROS_QS_DIR:-/tmp/pharos-quickstart}
pods=${PHAROS_QS_PODS:-3}
api_port=${PHAROS_QS_API_PORT:-8080}
agent_port=${PHAROS_QS_AGENT_PORT:-8081}
dashboard_port=${PHAROS_QS_DASHBOARD_PORT:-3000}
influx_port=${PHAROS_QS_INFLUX_PORT:-8086}
asset_port=${PHAROS_QS_ASSET_PORT:-8000}
node_exporter_port=${PHAROS_QS_NODE_EXPORTER_PORT:-9100}
subnet=${PHAROS_QS_SUBNET:-10.231.0}
host_ip="$subnet.1"
bridge=pharos-br0
admin_user=admin
admin_password=quickstart-admin-pw
namespace=webinar
pids=()

# Shared with scripts/pods.sh: logging, waiting, InfluxDB, the backend, the seed's Sensu resources, API checks.
# shellcheck source=scripts/lib/demo.sh
source "$repo/scripts/lib/demo.sh"

[ "$(id -u)" = 0 ] || fail "run as root (network namespaces need it)"
[ -d "$seed" ] || fail "seed fixtures not found at $seed (set PHAROS_SHARED_DIR)"

cleanup() {
    set +e
    # SIGTERM first; SIGKILL for whatever is left (a parent that ignores SIGTERM, e.g. a test runner, passes that
    # disposition on to the servers it starts).
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    sleep 0.3
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
    for i in $(seq 1 "$pods") 99; do
        ns="pharos-pod-$i"
        if ip netns list | grep -qw "$ns"; then
            ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
            sleep 0.2
            ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
            ip netns del "$ns"
        fi
        ip link del "pharos-veth$i" 2>/dev/null
    done
    ip link del "$bridge" 2>/dev/null
    pkill -9 -f "http.server $asset_port --bind $host_ip" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_packages() {
    local need=()
    local packages=(nginx monitoring-plugins-basic influxdb iproute2 curl openssl util-linux)
    if $node_exporter; then packages+=(prometheus-node-exporter); fi
    for pkg in "${packages[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ "${#need[@]}" -gt 0 ]; then
        log "installing ${need[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

build() {
    if [ -n "${PHAROS_BIN_DIR:-}" ]; then
        bin=$PHAROS_BIN_DIR
    else
        log "building release binaries (about 5 minutes the first time)"
        (cd "$repo" && swift build -c release >/dev/null)
        bin=$(cd "$repo" && swift build -c release --show-bin-path)
    fi
    local tools=(pharos-backend pharos-agent pharosctl pharos-influxdb-handler pharos-metric-tag-enrichment)
    if $node_exporter; then tools+=(pharos-prometheus-collector); fi
    for tool in "${tools[@]}"; do
        [ -x "$bin/$tool" ] || fail "$bin/$tool is missing"
    done
}

make_network() {
    log "creating bridge $bridge ($host_ip/24)"
    ip link add "$bridge" type bridge
    ip addr add "$host_ip/24" dev "$bridge"
    ip link set "$bridge" up
}

# --node-exporter: the companion demo's prometheus-collector asset and node-prometheus check as copied in
# examples/sensu-kube-demo/ (command already renamed), with url/sha512 → the tarball packed above, namespace
# demo → webinar and, when PHAROS_QS_NODE_EXPORTER_PORT is not 9100, that port; plus a check scraping the
# backend's own /metrics (the data of the "Pharos / Backend health" dashboard).
substitute_prometheus() {
    local base="http://$host_ip:$asset_port" examples="$repo/examples/sensu-kube-demo"
    {
        sed -e "s#^  url: .*#  url: $base/pharos-prometheus-collector_linux_amd64.tar.gz#" \
            -e "s#^  sha512: .*#  sha512: \"$(sha pharos-prometheus-collector_linux_amd64.tar.gz)\"#" \
            -e 's/^  namespace: demo$/  namespace: webinar/' "$examples/assets/prometheus-collector.yaml"
        echo "---"
        sed -e 's/^  namespace: demo$/  namespace: webinar/' -e "s#:9100/metrics#:$node_exporter_port/metrics#" \
            "$examples/checks/node-prometheus.yaml"
        cat <<EOF
---
api_version: core/v2
type: CheckConfig
metadata:
  namespace: $namespace
  name: pharos-backend-metrics
spec:
  runtime_assets:
  - prometheus-collector
  command: pharos-prometheus-collector -exporter-url http://127.0.0.1:$api_port/metrics
  subscriptions:
  - daemonset
  publish: true
  interval: 10
  output_metric_format: influxdb_line
  output_metric_handlers:
  - influxdb
EOF
    } >"$work/resources/prometheus.yaml"
}

start_node_exporter() {
    log "starting prometheus-node-exporter on $host_ip:$node_exporter_port"
    prometheus-node-exporter --web.listen-address="$host_ip:$node_exporter_port" >"$work/node-exporter.log" 2>&1 &
    pids+=($!)
    wait_for 10 "node exporter" curl -sf "http://$host_ip:$node_exporter_port/metrics"
}

# The DaemonSet agent of the companion demo: on the host ("node"), subscription daemonset, HOST_IP from the
# downward API there and the bridge address here. Its local API, event socket and StatsD are off (the host's
# ports are not the quickstart's to take).
start_node_agent() {
    log "starting the node agent pharos-node (subscription daemonset, HOST_IP=$host_ip)"
    mkdir -p "$work/node-agent/cache"
    SENSU_BACKEND_URL="wss://$host_ip:$agent_port" SENSU_NAMESPACE=$namespace SENSU_SUBSCRIPTIONS=daemonset \
        SENSU_CACHE_DIR="$work/node-agent/cache" HOST_IP=$host_ip \
        "$bin/pharos-agent" start --name pharos-node --insecure-skip-tls-verify --keepalive-interval=5 \
        --keepalive-timeout=10 --disable-api --disable-sockets --statsd-disable \
        >"$work/node-agent/agent.log" 2>&1 &
    pids+=($!)
}

# A Grafana provisioning directory for this machine: the datasource of deploy/grafana/ with the quickstart's
# InfluxDB address, and a dashboard provider reading deploy/grafana/dashboards/ in place.
grafana_provisioning() {
    local dir="$work/grafana/provisioning"
    mkdir -p "$dir/datasources" "$dir/dashboards"
    sed -e "s#^    url: .*#    url: http://127.0.0.1:$influx_port#" \
        "$repo/deploy/grafana/provisioning/datasources/pharos-influxdb.yaml" >"$dir/datasources/pharos-influxdb.yaml"
    sed -e "s#^      path: .*#      path: $repo/deploy/grafana/dashboards#" \
        "$repo/deploy/grafana/provisioning/dashboards/pharos.yaml" >"$dir/dashboards/pharos.yaml"
}

verify_node_metrics() {
    log "verifying the node exporter path"
    local start=$SECONDS query
    query='SELECT last("value") FROM "node_load1", "node_cpu_seconds_total", "pharos_events_processed_total" GROUP BY "sensu_entity_name"'
    while [ $((SECONDS - start)) -lt 60 ]; do
        if curl -sf -G "http://127.0.0.1:$influx_port/query" --data-urlencode db=sensu --data-urlencode "q=$query" |
            python3 -c '
import json, sys
series = json.load(sys.stdin)["results"][0].get("series", [])
names = {s["name"] for s in series if s.get("tags", {}).get("sensu_entity_name") == "pharos-node"}
sys.exit(0 if names == {"node_load1", "node_cpu_seconds_total", "pharos_events_processed_total"} else 1)'; then
            echo "  ok ($((SECONDS - start)) s): node_load1, node_cpu_seconds_total, pharos_events_processed_total from pharos-node in InfluxDB"
            return 0
        fi
        sleep 0.5
    done
    echo "  FAILED after 60 s: node exporter and backend metrics from pharos-node in InfluxDB" >&2
    return 1
}

pod_name() { printf 'nginx-7d9c6f5b4-%05d' "$1"; }

start_pod() { # start_pod INDEX [extra agent flags...]
    local i=$1
    shift
    local ns="pharos-pod-$i" dir="$work/pods/$i" name
    name=$(pod_name "$i")
    mkdir -p "$dir/nginx" "$dir/cache"
    ip netns add "$ns"
    ip link add "pharos-veth$i" type veth peer name eth0 netns "$ns"
    ip link set "pharos-veth$i" master "$bridge" up
    ip -n "$ns" addr add "$subnet.$((10 + i))/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    cat >"$dir/nginx/nginx.conf" <<EOF
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    server { listen 127.0.0.1:80; location / { return 200 "Welcome to nginx in pod $name\n"; } }
}
EOF
    ip netns exec "$ns" nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx/"
    # The pod's container: its own hostname (as Kubernetes gives a pod), the seed sidecar's flags and env.
    ip netns exec "$ns" unshare --uts sh -c "hostname $name && exec env \
        SENSU_BACKEND_URL='wss://$host_ip:$agent_port' SENSU_NAMESPACE=$namespace \
        SENSU_SUBSCRIPTIONS='linux kubernetes nginx' SENSU_DEREGISTER=${POD_DEREGISTER:-true} \
        SENSU_STATSD_EVENT_HANDLERS=statsd SENSU_CACHE_DIR='$dir/cache' \
        '$bin/pharos-agent' start --log-level=debug --insecure-skip-tls-verify --keepalive-interval=5 \
        --keepalive-timeout=10 $*" >"$dir/agent.log" 2>&1 &
    echo $! >"$dir/agent.pid"
    pids+=($!)
}

stop_nginx() { local dir="$work/pods/$1/nginx"; kill "$(cat "$dir/nginx.pid")"; }
start_nginx() { ip netns exec "pharos-pod-$1" nginx -c "$work/pods/$1/nginx/nginx.conf" -p "$work/pods/$1/nginx/"; }

verify_demo() {
    log "verifying the demo"
    local failed=0 names="[$(for i in $(seq 1 "$pods"); do printf "'%s'," "$(pod_name "$i")"; done)]"
    expect_within 60 "$pods agent entities with subscriptions linux, kubernetes, nginx, entity:NAME" \
        "sorted(e['metadata']['name'] for e in entities if e['metadata']['name'] != 'pharos-node') == sorted($names) and all(e['entity_class'] == 'agent' and e['subscriptions'] == ['linux', 'kubernetes', 'nginx', 'entity:' + e['metadata']['name']] for e in entities if e['metadata']['name'] != 'pharos-node')" || failed=1
    expect_within 40 "a passing check-nginx event per pod with output 'HTTP OK: HTTP/1.1 200 OK - ...'" \
        "all(event(n, 'check-nginx') and event(n, 'check-nginx')['check']['status'] == 0 and event(n, 'check-nginx')['check']['output'].startswith('HTTP OK: HTTP/1.1 200 OK - ') for n in $names)" || failed=1
    expect_within 25 "check-nginx history grows every 10 s" \
        "all(len(event(n, 'check-nginx')['check']['history']) >= 3 for n in $names)" || failed=1
    expect_within 30 "InfluxDB has time and size points tagged entity, namespace, check, sensu_entity_name per pod" \
        "all(any(s['name'] == m and s['tags'].get('entity') == n and s['tags'].get('namespace') == '$namespace' and s['tags'].get('check') == 'check-nginx' and s['tags'].get('sensu_entity_name') == n for s in influx) for m in ('time', 'size') for n in $names)" || failed=1
    return "$failed"
}

verify_failures() {
    log "failure scenarios"
    local one two three
    one=$(pod_name 1); two=$(pod_name 2); three=$(pod_name 3)
    stop_nginx 1
    expect_within 15 "nginx stopped in $one: check-nginx goes to status 2" "event('$one', 'check-nginx')['check']['status'] == 2"
    start_nginx 1
    expect_within 15 "nginx started again in $one: check-nginx back to 0" "event('$one', 'check-nginx')['check']['status'] == 0"
    kill -TERM "$(cat "$work/pods/2/agent.pid")"
    expect_within 2 "SIGTERM to $two's agent: entity and events gone within 1 s" \
        "'$two' not in [e['metadata']['name'] for e in entities] and not any(e['entity']['metadata']['name'] == '$two' for e in events)"
    kill -KILL "$(cat "$work/pods/3/agent.pid")"
    check_state "'$three' in [e['metadata']['name'] for e in entities]" || fail "$three vanished before its keepalive timeout"
    expect_within 20 "SIGKILL to $three's agent: gone after the 10 s keepalive timeout" \
        "'$three' not in [e['metadata']['name'] for e in entities]"
    POD_DEREGISTER=false start_pod 99
    local keeper
    keeper=$(pod_name 99)
    expect_within 30 "agent $keeper without deregister registers" "'$keeper' in [e['metadata']['name'] for e in entities]"
    kill -KILL "$(cat "$work/pods/99/agent.pid")"
    expect_within 25 "agent $keeper killed: a failing keepalive event" \
        "event('$keeper', 'keepalive') and event('$keeper', 'keepalive')['check']['status'] != 0 and '$keeper' in [e['metadata']['name'] for e in entities]"
}

install_packages
build
mkdir -p "$work"
rm -rf "${work:?}"/*
start_influxdb
make_network
start_backend
pack_assets
substitute
if $node_exporter; then
    substitute_prometheus
    start_node_exporter
fi
apply_resources
log "starting $pods pods"
for i in $(seq 1 "$pods"); do start_pod "$i"; done
if $node_exporter; then
    start_node_agent
    grafana_provisioning
    echo "Grafana: provisioning files for this InfluxDB are in $work/grafana/provisioning (set GF_PATHS_PROVISIONING"
    echo "  to it, or copy its datasources/ and dashboards/ into /etc/grafana/provisioning/); the dashboards are"
    echo "  $repo/deploy/grafana/dashboards/*.json. On Kubernetes: kubectl kustomize $repo/deploy/grafana"
fi

case $mode in
    once) verify_demo && { ! $node_exporter || verify_node_metrics; } ;;
    e2e) verify_demo && { ! $node_exporter || verify_node_metrics; } && verify_failures ;;
    run)
        cat <<EOF

Pharos is running. Open the dashboard at http://127.0.0.1:$dashboard_port/ (user $admin_user), or look with:
  $bin/pharosctl entity list --namespace $namespace --config-dir $work/pharosctl
  $bin/pharosctl event list --namespace $namespace --config-dir $work/pharosctl
  curl -G http://127.0.0.1:$influx_port/query --data-urlencode db=sensu --data-urlencode 'q=SELECT * FROM "time" GROUP BY * LIMIT 3'
  curl -G http://127.0.0.1:$influx_port/query --data-urlencode db=sensu --data-urlencode 'q=SHOW MEASUREMENTS'
Grafana provisioning: $repo/deploy/grafana/ (with --node-exporter, a copy for this InfluxDB: $work/grafana/provisioning)
Logs: $work/backend.log, $work/pods/N/agent.log.   Ctrl-C stops everything and cleans up.
EOF
        while true; do sleep 3600; done
        ;;
esac
