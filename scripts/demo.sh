#!/usr/bin/env bash
# The imagegate demo: build the two example images and check them.
#
#   npm run demo     (= npm run build && bash scripts/with-test-services.sh bash scripts/demo.sh)
#
# Expects DOCKER_HOST to point at an engine (with-test-services exports it) and
# dist/ to be built. Exits 0 when imagegate passes the passing example (exit 0)
# and fails the failing one (exit 1), else 1.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

BUSYBOX="${BUSYBOX:-/bin/busybox}"
PASSING=imagegate-example/passing:demo
FAILING=imagegate-example/failing:demo
export DOCKER_BUILDKIT=0 # legacy builder: works with Engine 20.10 and a CLI without buildx

headline() { printf '\n\033[1m==== %s ====\033[0m\n' "$*"; }

[[ -x "$BUSYBOX" ]] || { echo "demo: $BUSYBOX not found (apt-get install busybox-static)" >&2; exit 1; }
CLI="${IMAGEGATE_CLI:-dist/cli/bin.js}" # override for testing the script itself
[[ -f "$CLI" ]] || { echo "demo: $CLI missing; run npm run build" >&2; exit 1; }

# Obviously fake secrets, generated here so none is committed anywhere.
# Random per run, shaped like the real thing: a repeated filler such as npm_FAKEFAKE… is, rightly,
# not taken for a credential by the secret scan.
random_alnum() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1"; }
FAKE_NPM_TOKEN="npm_$(random_alnum 36)"               # npm_ + 36 chars
FAKE_AWS_SECRET="$(random_alnum 40)"                  # 40 chars, like an AWS secret key

ctx_dirs=()
cleanup() { for d in "${ctx_dirs[@]}"; do rm -rf "$d"; done; }
trap cleanup EXIT

build() {
  local tag="$1" dir="$2"
  shift 2
  local ctx
  ctx="$(mktemp -d /tmp/imagegate-demo-ctx.XXXXXX)"
  ctx_dirs+=("$ctx")
  cp -r "$dir/." "$ctx/"
  cp "$BUSYBOX" "$ctx/busybox"
  local out
  if ! out="$(docker build --network host --force-rm -t "$tag" "$@" "$ctx" 2>&1)"; then
    printf '%s\n' "$out" >&2
    echo "demo: building $tag failed" >&2
    exit 1
  fi
  echo "built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.1f MB", $1/1e6}'))"
}

headline "building the example images (engine: ${DOCKER_HOST:-default})"
build "$PASSING" examples/passing
build "$FAILING" examples/failing \
  --build-arg "NPM_TOKEN=$FAKE_NPM_TOKEN" \
  --build-arg "AWS_SECRET_ACCESS_KEY=$FAKE_AWS_SECRET"

check() {
  local tag="$1"
  headline "imagegate check $tag"
  node "$CLI" check "$tag"
}

check "$PASSING"
pass_rc=$?
echo "-> exit code $pass_rc (expected 0)"

check "$FAILING"
fail_rc=$?
echo "-> exit code $fail_rc (expected 1)"

headline "summary"
ok=1
if ((pass_rc == 0)); then echo "passing example: passed (exit 0) - as expected"; else
  echo "passing example: exit $pass_rc - expected 0"; ok=0; fi
if ((fail_rc == 1)); then echo "failing example: failed (exit 1) - as expected"; else
  echo "failing example: exit $fail_rc - expected 1"; ok=0; fi
if ((ok)); then
  echo "demo OK"
  exit 0
fi
echo "demo FAILED"
exit 1
