#!/usr/bin/env bash
# Renders every kustomization under deploy/ (overlays and apps) offline and validates each rendered document with
# kubernetes-validate (PyPI) in strict mode (unknown fields are errors) against every Kubernetes version it ships from
# 1.29 (native sidecars, restartPolicy Always on init containers) to the newest. Exit 0 when all pass, 1 otherwise.
#
# Needs: python3 with kubernetes-validate (`python3 -m pip install kubernetes-validate`); a renderer: `kubectl`
# (>= 1.27, its built-in kustomize) or a standalone `kustomize` v5. .ci/run installs both when missing.
# Usage: scripts/validate-manifests.sh [KUSTOMIZATION_DIR...]   (default: deploy/overlays/* and deploy/apps/*)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
min_version=${PHAROS_VALIDATE_MIN_K8S:-1.29.0}

render() {
    if command -v kubectl >/dev/null 2>&1; then
        kubectl kustomize "$1"
    elif command -v kustomize >/dev/null 2>&1; then
        kustomize build "$1"
    else
        echo "validate-manifests: neither kubectl nor kustomize is on PATH (see .ci/run for how CI gets kubectl)" >&2
        return 1
    fi
}

python3 -c 'import kubernetes_validate' 2>/dev/null || {
    echo "validate-manifests: python3 module kubernetes_validate missing: python3 -m pip install kubernetes-validate" >&2
    exit 1
}

if [ "$#" -gt 0 ]; then
    dirs=("$@")
else
    dirs=()
    for d in "$repo"/deploy/overlays/*/ "$repo"/deploy/apps/*/ "$repo"/deploy/grafana/; do
        [ -f "$d/kustomization.yaml" ] && dirs+=("${d%/}")
    done
fi
[ "${#dirs[@]}" -gt 0 ] || { echo "validate-manifests: no kustomization found" >&2; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for d in "${dirs[@]}"; do
    name=${d#"$repo"/}
    if ! render "$d" >"$out/$(echo "$name" | tr / _).yaml" 2>"$out/render.err"; then
        echo "FAIL render $name: $(cat "$out/render.err")"
        status=1
    fi
done

python3 - "$min_version" "$out"/*.yaml <<'PY' || status=1
import sys, os, yaml
import kubernetes_validate as kv
from kubernetes_validate.utils import all_versions, Version

minimum = Version(sys.argv[1])
versions = sorted({v for v in all_versions() if Version(v) >= minimum}, key=Version)
if not versions:
    sys.exit(f"kubernetes-validate {kv.version.__version__ if hasattr(kv.version, '__version__') else ''} ships no schema >= {minimum}")
failures = checked = 0
for path in sys.argv[2:]:
    source = os.path.basename(path)[:-5].replace("_", "/")
    with open(path) as f:
        documents = [d for d in yaml.safe_load_all(f) if d]
    for version in versions:
        for doc in documents:
            what = f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
            checked += 1
            try:
                kv.validate(doc, version, strict=True)
            except kv.ValidationError as error:
                failures += 1
                print(f"FAIL {source} {what} (Kubernetes {version}, strict): {error.message} at {'.'.join(map(str, error.path))}")
            except (kv.SchemaNotFoundError, kv.InvalidSchemaError) as error:
                failures += 1
                print(f"FAIL {source} {what} (Kubernetes {version}, strict): {error}")
    print(f"{source}: {len(documents)} documents x {len(versions)} versions ({versions[0]} .. {versions[-1]}) checked")
print(f"validate-manifests: {checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
PY
exit $status
