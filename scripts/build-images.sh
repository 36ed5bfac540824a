#!/usr/bin/env bash
# Builds Pharos' container images locally with podman (root, Debian 12), no registry needed:
#   1. localhost/pharos-base:bookworm — `debootstrap --variant=minbase bookworm` from the Debian mirror this machine's
#      apt uses (/etc/apt/sources.list.d/*.sources or /etc/apt/sources.list), docs/man/locales trimmed, `podman import`;
#   2. release binaries built on the host (building Swift inside a container would take far too long here) with
#      --static-swift-stdlib into .build-release, unless PHAROS_BIN_DIR names ready ones;
#   3. localhost/pharos-agent:VERSION and localhost/pharos-backend:VERSION from deploy/images/*.Containerfile
#      (`--format docker` so HEALTHCHECK is kept), plus localhost/pharos-demo-nginx:VERSION with --demo;
#   4. prints each image's size and its size on top of the base.
# Heavy steps run under `nice -n 19`. An existing base image is reused (--rebuild-base to redo it).
#
# Usage: scripts/build-images.sh [--demo] [--rebuild-base] [--only agent|backend|nginx]
# Environment: PHAROS_BIN_DIR (skip the Swift build), PHAROS_IMAGE_TAG (0.1.0), PHAROS_IMAGE_WORK
#   (/tmp/pharos-images: rootfs and build contexts), PODMAN (podman --runtime runc), PHAROS_BASE_ROOTFS (import
#   this finished `debootstrap --variant=minbase bookworm` directory instead of running debootstrap; it is consumed).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
tag=${PHAROS_IMAGE_TAG:-0.1.0}
work=${PHAROS_IMAGE_WORK:-/tmp/pharos-images}
base=localhost/pharos-base:bookworm
read -r -a podman <<<"${PODMAN:-podman --runtime runc}"
demo=false rebuild_base=false only=""
while [ "$#" -gt 0 ]; do
    case $1 in
        --demo) demo=true ;;
        --rebuild-base) rebuild_base=true ;;
        --only) only=$2; shift ;;
        *) echo "usage: $0 [--demo] [--rebuild-base] [--only agent|backend|nginx]" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { echo "build-images: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap and podman need it)"
command -v podman >/dev/null || fail "podman is missing: apt-get install -y podman runc debootstrap"

# podman on this kind of machine fails every container with `setrlimit RLIMIT_NOFILE` unless default_ulimits is empty.
ensure_containers_conf() {
    local conf=/etc/containers/containers.conf
    if ! grep -qs '^default_ulimits *= *\[\]' "$conf"; then
        [ -s "$conf" ] && fail "$conf exists without 'default_ulimits = []' under [containers]: add it"
        printf '[containers]\ndefault_ulimits = []\n' >"$conf"
    fi
}

debian_mirror() {
    local uri
    uri=$(awk '/^URIs:/ && !/security/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && !/security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || fail "no Debian mirror found in /etc/apt/sources.list.d or /etc/apt/sources.list"
    echo "$uri"
}

build_base() {
    if ! $rebuild_base && "${podman[@]}" image exists "$base"; then
        log "base $base exists (--rebuild-base to redo it)"
        return
    fi
    command -v debootstrap >/dev/null || fail "debootstrap is missing: apt-get install -y debootstrap"
    local mirror rootfs=${PHAROS_BASE_ROOTFS:-$work/rootfs}
    if [ -n "${PHAROS_BASE_ROOTFS:-}" ]; then
        [ -x "$rootfs/bin/bash" ] || fail "PHAROS_BASE_ROOTFS=$rootfs is not a finished debootstrap"
        log "importing the debootstrapped $rootfs"
    else
        mirror=$(debian_mirror)
        log "debootstrap --variant=minbase bookworm from $mirror (about 1.5 min)"
        rm -rf "$rootfs"
        nice -n 19 debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
            fail "debootstrap failed: see $work/debootstrap.log"
    fi
    # What a container never needs: documentation, manual pages, locales, apt's package lists and caches.
    rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
        "$rootfs"/usr/share/locale/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* \
        "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/*
    # Keep the trimming on later apt-get installs in derived images.
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/01-container" <<'CFG'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
CFG
    tar -C "$rootfs" --numeric-owner -c . |
        "${podman[@]}" import --change 'CMD ["/bin/bash"]' \
            --change 'LABEL org.opencontainers.image.title=pharos-base org.opencontainers.image.description="debootstrap --variant=minbase bookworm"' \
            - "$base" >/dev/null
    rm -rf "$rootfs"
}

binaries=(pharos-agent pharos-backend pharosctl pharos-influxdb-handler pharos-metric-tag-enrichment)
build_binaries() {
    if [ -n "${PHAROS_BIN_DIR:-}" ]; then
        bin=$PHAROS_BIN_DIR
    else
        log "release build with --static-swift-stdlib (cold: tens of minutes on 2 cores)"
        for product in "${binaries[@]}"; do
            (cd "$repo" && nice -n 19 swift build -c release --scratch-path .build-release --static-swift-stdlib \
                --product "$product" >"$work/swift-build-$product.log" 2>&1) ||
                fail "swift build of $product failed: see $work/swift-build-$product.log"
        done
        bin=$(cd "$repo" && swift build -c release --scratch-path .build-release --show-bin-path)
    fi
    for tool in "${binaries[@]}"; do
        [ -x "$bin/$tool" ] || fail "$bin/$tool is missing"
        # The images carry no Swift runtime: a binary that needs one was not built with --static-swift-stdlib.
        if ldd "$bin/$tool" | grep -q 'libswift\|libFoundation\|lib_FoundationICU'; then
            fail "$bin/$tool links the Swift runtime dynamically; build it with --static-swift-stdlib"
        fi
    done
}

stage() { # stage CONTEXT BINARY... → a build context with stripped copies of the binaries
    local context=$1
    shift
    rm -rf "$context"
    mkdir -p "$context"
    for tool in "$@"; do
        install -m 0755 "$bin/$tool" "$context/$tool"
        strip --strip-unneeded "$context/$tool"
    done
}

revision=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
image() { # image NAME CONTAINERFILE CONTEXT
    log "building localhost/$1:$tag"
    nice -n 19 "${podman[@]}" build --format docker --layers=false -q -f "$2" \
        --build-arg BASE_IMAGE="$base" --build-arg VERSION="$tag" --build-arg REVISION="$revision" \
        -t "localhost/$1:$tag" "$3" >/dev/null
}

size_of() { "${podman[@]}" image inspect --format '{{.Size}}' "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }

mkdir -p "$work"
ensure_containers_conf
build_base
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if [ "$only" = agent ]; then
    binaries=(pharos-agent)
elif [ "$only" = backend ]; then
    binaries=(pharos-backend pharosctl pharos-influxdb-handler pharos-metric-tag-enrichment)
fi
if want agent || want backend; then
    build_binaries
fi
if want agent; then
    stage "$work/agent" pharos-agent
    image pharos-agent "$repo/deploy/images/agent.Containerfile" "$work/agent"
fi
if want backend; then
    stage "$work/backend" pharos-backend pharosctl pharos-influxdb-handler pharos-metric-tag-enrichment
    image pharos-backend "$repo/deploy/images/backend.Containerfile" "$work/backend"
fi
if $demo || [ "$only" = nginx ]; then
    mkdir -p "$work/nginx"
    image pharos-demo-nginx "$repo/deploy/images/nginx-demo.Containerfile" "$work/nginx"
fi

base_size=$(size_of "$base")
echo "image sizes (uncompressed; on top of $base, $(mb "$base_size")):"
for name in pharos-agent pharos-backend pharos-demo-nginx; do
    "${podman[@]}" image exists "localhost/$name:$tag" || continue
    size=$(size_of "localhost/$name:$tag")
    printf '  %-34s %10s  (+%s)\n' "localhost/$name:$tag" "$(mb "$size")" "$(mb $((size - base_size)))"
done
