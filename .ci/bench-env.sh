#!/usr/bin/env bash
# Gets the benchmark suite (docs/benchmarks.md) what it compares stow with, then the test
# environment (a Docker engine, the local registry and the test images: .ci/test-env.sh).
#
#   bash .ci/bench-env.sh
#
# Installs from Debian's archive, as root, whatever of these is missing: docker-compose (1.29, the
# Compose baseline), nginx (the static-file baseline), wrk (the load generator) and GNU time (peak
# memory of a process). Fails and says what to install when it cannot.
set -euo pipefail

ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'bench-env: %s\n' "$*" >&2; }
die() {
  printf 'bench-env: ERROR: %s\n' "$*" >&2
  exit 1
}

missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
[ -x /usr/bin/time ] || missing+=(time)

if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing: ${missing[*]}; install them: sudo apt-get install -y ${missing[*]}"
  command -v apt-get >/dev/null || die "missing: ${missing[*]}, and apt-get is not available; install them"
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    apt-get update -qq >&2 || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
      die "apt-get install ${missing[*]} failed; install them by hand"
  fi
  # Debian starts nginx as a service on install; the suite starts its own on a free port
  if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
    systemctl stop nginx || true
  fi
fi

bash "$ci_dir/test-env.sh"
