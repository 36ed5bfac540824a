# Functions shared by scripts/quickstart.sh and scripts/pods.sh (sourced, not run). They read the caller's
# variables: repo, seed, work, bin, host_ip, api_port, agent_port, influx_port, asset_port, admin_user,
# admin_password, namespace, and append the pids of the processes they start to the caller's `pids` array.

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

fail() { echo "quickstart: $*" >&2; exit 1; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local limit=$1 what=$2
    shift 2
    for _ in $(seq 1 $((limit * 10))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    fail "timed out waiting for $what"
}

start_influxdb() {
    log "starting InfluxDB on 127.0.0.1:$influx_port"
    mkdir -p "$work/influx"
    cat >"$work/influx/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$((influx_port + 2))"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[logging]
  level = "warn"
EOF
    influxd run -config "$work/influx/influxdb.conf" >"$work/influx/influxd.log" 2>&1 &
    pids+=($!)
    wait_for 20 "InfluxDB" curl -sf "http://127.0.0.1:$influx_port/ping"
    curl -sf -XPOST "http://127.0.0.1:$influx_port/query" --data-urlencode 'q=CREATE DATABASE sensu' >/dev/null
}

start_backend() {
    log "starting pharos-backend (API 127.0.0.1:$api_port, agents wss://$host_ip:$agent_port)"
    mkdir -p "$work/tls" "$work/state"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj "/CN=pharos-backend" -addext "subjectAltName=IP:$host_ip,IP:127.0.0.1,DNS:localhost" \
        -keyout "$work/tls/backend.key" -out "$work/tls/backend.crt" >/dev/null 2>&1
    # The dashboard on loopback at dashboard_port, when the caller sets one and the backend has the flag.
    local dashboard=()
    if [ -n "${dashboard_port:-}" ] && "$bin/pharos-backend" start --help 2>&1 | grep -q -- --dashboard-port; then
        dashboard=(--dashboard-host 127.0.0.1 --dashboard-port "$dashboard_port")
    fi
    PHAROS_BACKEND_CLUSTER_ADMIN_USERNAME=$admin_user PHAROS_BACKEND_CLUSTER_ADMIN_PASSWORD=$admin_password \
        "$bin/pharos-backend" start --state-dir "$work/state" \
        --api-listen-address "127.0.0.1:$api_port" --agent-host 0.0.0.0 --agent-port "$agent_port" \
        --cert-file "$work/tls/backend.crt" --key-file "$work/tls/backend.key" --log-level info \
        "${dashboard[@]}" \
        >"$work/backend.log" 2>&1 &
    pids+=($!)
    wait_for 30 "pharos-backend" curl -sf "http://127.0.0.1:$api_port/health"
}

ctl() { "$bin/pharosctl" "$@" --config-dir "$work/pharosctl"; }

pack_assets() {
    log "packing assets, served from http://$host_ip:$asset_port/"
    local assets="$work/assets"
    mkdir -p "$assets/monitoring-plugins/bin" "$assets/influx-handler/bin" "$assets/tag-enrichment/bin" "$work/www"
    cp /usr/lib/nagios/plugins/check_* "$assets/monitoring-plugins/bin/"
    # The shared libraries the plugins need beyond glibc (libssl, libcrypto, ...) go in the asset's lib/, which the
    # agent puts on LD_LIBRARY_PATH as Sensu does, so the plugins also run in a minimal container.
    mkdir -p "$assets/monitoring-plugins/lib"
    { ldd /usr/lib/nagios/plugins/check_* 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | sort -u |
        grep -vE '/(libc|libm|libdl|libpthread|librt|ld-linux[^/]*)\.so' |
        xargs -r cp -L -t "$assets/monitoring-plugins/lib/"
    cp "$bin/pharos-influxdb-handler" "$assets/influx-handler/bin/"
    cp "$bin/pharos-metric-tag-enrichment" "$assets/tag-enrichment/bin/"
    tar -C "$assets/monitoring-plugins" -czf "$work/www/monitoring-plugins-debian.tar.gz" bin lib
    tar -C "$assets/influx-handler" -czf "$work/www/pharos-influxdb-handler.tar.gz" bin
    tar -C "$assets/tag-enrichment" -czf "$work/www/pharos-metric-tag-enrichment.tar.gz" bin
    if ${node_exporter:-false}; then
        mkdir -p "$assets/prometheus-collector/bin"
        cp "$bin/pharos-prometheus-collector" "$assets/prometheus-collector/bin/"
        tar -C "$assets/prometheus-collector" -czf "$work/www/pharos-prometheus-collector_linux_amd64.tar.gz" bin
    fi
    # exec: the recorded pid is the server itself, not a wrapper (pyenv shims fork), so cleanup can stop it.
    (exec python3 -m http.server "$asset_port" --bind "$host_ip" --directory "$work/www" >"$work/assets.log" 2>&1) &
    pids+=($!)
    wait_for 10 "asset server" curl -sf "http://$host_ip:$asset_port/"
}

sha() { sha512sum "$work/www/$1" | cut -d' ' -f1; }

# The only changes made to the seed's Sensu files (documented in the README):
#   - monitoring-plugins-debian: url and sha512 → the tarball of Debian's monitoring-plugins packed above
#     (the alpine and centos builds are left as they are; their filters never match a Debian agent);
#   - sensu-influx-handler-linux / sensu-go-metric-tag-enrichment assets: url and sha512 → Pharos' binaries;
#   - commands sensu-influxdb-handler → pharos-influxdb-handler, sensu-go-metric-tag-enrichment →
#     pharos-metric-tag-enrichment;
#   - the InfluxDB address http://influxdb-0.influxdb.sensu-system.svc.cluster.local:8086 → 127.0.0.1.
substitute() {
    mkdir -p "$work/resources"
    local base="http://$host_ip:$asset_port"
    awk -v url="$base/monitoring-plugins-debian.tar.gz" -v sha="$(sha monitoring-plugins-debian.tar.gz)" '
        /name: monitoring-plugins-debian/ { debian = 1 }
        /^---/ { debian = 0 }
        debian && /^  url:/ { print "  url: " url; next }
        debian && /^  sha512:/ { print "  sha512: " sha; next }
        { print }' "$seed/sensu/checks/check-nginx.yaml" >"$work/resources/check-nginx.yaml"
    awk -v hurl="$base/pharos-influxdb-handler.tar.gz" -v hsha="$(sha pharos-influxdb-handler.tar.gz)" \
        -v murl="$base/pharos-metric-tag-enrichment.tar.gz" -v msha="$(sha pharos-metric-tag-enrichment.tar.gz)" '
        /^---/ { which = "" }
        /^kind|^type:/ { kind = $2 }
        /name: sensu-influx-handler-linux/ { which = "h" }
        /name: sensu-go-metric-tag-enrichment/ && kind == "Asset" { which = "m" }
        which == "h" && /^  url:/ { print "  url: " hurl; next }
        which == "h" && /^  sha512:/ { print "  sha512: " hsha; next }
        which == "m" && /^  url:/ { print "  url: " murl; next }
        which == "m" && /^  sha512:/ { print "  sha512: " msha; next }
        { print }' "$seed/sensu/handlers/influxdb.yaml" |
        sed -e 's/command: sensu-influxdb-handler /command: pharos-influxdb-handler /' \
            -e 's/command: sensu-go-metric-tag-enrichment$/command: pharos-metric-tag-enrichment/' \
            -e "s#http://influxdb-0.influxdb.sensu-system.svc.cluster.local:8086#http://127.0.0.1:$influx_port#" \
            >"$work/resources/influxdb.yaml"
}

apply_resources() {
    log "configuring pharosctl and applying the seed resources to namespace $namespace"
    ctl configure -n --url "http://127.0.0.1:$api_port" --username "$admin_user" --password "$admin_password" \
        --namespace "$namespace" >/dev/null
    ctl namespace create "$namespace"
    ctl create -f "$work/resources" --namespace "$namespace"
}

api() { # api PATH → JSON on stdout
    local token
    token=$(curl -sf -u "$admin_user:$admin_password" "http://127.0.0.1:$api_port/auth" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/api/core/v2$1"
}

# check_state PYTHON-EXPRESSION over `entities`, `events` (lists of dicts) and `influx` (series list): true/false
# (The answers go through files: events of metric checks carry whole scrapes as output, more than the 128 KiB an
# environment variable may hold.)
check_state() {
    local state="$work/state-check"
    mkdir -p "$state"
    api "/namespaces/$namespace/entities" >"$state/entities.json" || return 1
    api "/namespaces/$namespace/events" >"$state/events.json" || return 1
    curl -sf -G "http://127.0.0.1:$influx_port/query" --data-urlencode db=sensu \
        --data-urlencode 'q=SELECT * FROM "time", "size" GROUP BY *' >"$state/influx.json" || return 1
    STATE=$state python3 - "$1" <<'PY'
import json, os, sys
state = os.environ["STATE"]
entities = json.load(open(os.path.join(state, "entities.json")))
events = json.load(open(os.path.join(state, "events.json")))
influx = json.load(open(os.path.join(state, "influx.json")))["results"][0].get("series", [])
def event(entity, check):
    return next((e for e in events if e["entity"]["metadata"]["name"] == entity and e["check"]["metadata"]["name"] == check), None)
sys.exit(0 if eval(sys.argv[1]) else 1)
PY
}

expect_within() { # expect_within SECONDS DESCRIPTION PYTHON-EXPRESSION
    local limit=$1 what=$2 expr=$3 start=$SECONDS
    while [ $((SECONDS - start)) -lt "$limit" ]; do
        if check_state "$expr"; then
            echo "  ok ($((SECONDS - start)) s): $what"
            return 0
        fi
        sleep 0.5
    done
    echo "  FAILED after $limit s: $what" >&2
    return 1
}
