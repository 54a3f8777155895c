#!/usr/bin/env bash
# Reconciles the bundled demo deployment (examples/demo) on this host, then reconciles it again to
# show that an unchanged deployment is all noop.
#
# It gets a Docker engine and the local registry with .ci/test-env.sh (installing and starting them
# when missing and run as root), pins the demo's image to the digest that registry holds, and keeps
# the state (snapshots, running-config) under target/demo/state. Remove the demo afterwards with:
#   docker rm -f demo-web demo-worker && docker network rm demo-net
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/.ci/test-env.sh"
image="$(sed -n 's/^image\.1=//p' "${STOW_TEST_ENV_DIR:-/tmp/stow-test-env}/images.properties")"
work="$root/target/demo"
rm -rf "$work/deployment"
mkdir -p "$work"
cp -r "$root/examples/demo" "$work/deployment"
sed -i "s|image: 127.0.0.1:5000/stow-test/busybox:1@sha256:[0-9a-f]*|image: $image|" \
  "$work/deployment/stow.yaml"

echo "== stow reconcile (deploys, verifies)"
"$root/stow" reconcile --dir "$work/deployment" --state-dir "$work/state"
echo "== stow reconcile again (nothing changed: all noop)"
"$root/stow" reconcile --dir "$work/deployment" --state-dir "$work/state"
echo "== the demo answers on http://127.0.0.1:18080/"
busybox wget -q -O- http://127.0.0.1:18080/
