#!/usr/bin/env bash
# The whole GitOps loop on this machine, with no outside service:
#
#   a bare Git repository (the deployment repository, read through a file:// URL)
#   -> stow daemon on 127.0.0.1, deploying the repository's main branch
#   -> a commit pushed: the demo deployment (examples/demo, its image pinned to the local registry)
#   -> the repository's post-receive hook triggers the daemon, as a GitHub or Gitea webhook would
#   -> the host converges -> the commit's badge says running -> the dashboard link
#
#   examples/run-demo.sh          # needs the build: ./mvnw -B -q package -DskipTests
#   examples/run-demo.sh --stop   # stops the daemon, removes the demo's containers and network
#
# The daemon keeps running afterwards, so its dashboard and badge can be looked at; --stop ends
# it. Running the demo again is safe: it restarts the daemon, pushes a commit only when the demo's
# files changed, and otherwise triggers a reconcile that finds nothing to do.
#
# It needs root, as a host does: the daemon reads its configuration only from a directory owned by
# root with modes 0500 (directories) and 0400 (files), since that directory holds the trigger
# token and the keys; and .ci/test-env.sh, which gets the Docker engine and the local registry,
# installs and starts what is missing as root. Everything else stays below target/demo: the
# repository, a clone, the configuration, the state root and the daemon's log.
#
# For tests, and for a second demo beside the first: STOW_DEMO_DIR (target/demo), STOW_DEMO_PORT
# (the daemon, 17403), STOW_DEMO_NAME (deployment, container and network prefix, demo),
# STOW_DEMO_WEB_PORT (the demo's web page, 18080).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${STOW_DEMO_DIR:-$root/target/demo}"
port="${STOW_DEMO_PORT:-17403}"
name="${STOW_DEMO_NAME:-demo}"
web_port="${STOW_DEMO_WEB_PORT:-18080}"
url="http://127.0.0.1:$port"
stow="$root/stow"
repo="$work/deployments.git"
etc="$work/etc"
pidfile="$work/daemon.pid"
token_file="$work/trigger-token"

say() { printf '== %s\n' "$*"; }
die() {
  printf 'run-demo: %s\n' "$*" >&2
  exit 1
}
fetch() { # url: its body on standard output; fails unless the answer is 2xx
  if command -v curl >/dev/null; then
    curl -fsS --max-time 10 "$1"
  else
    timeout 10 busybox wget -q -O- "$1" # (busybox-static's wget -T crashes)
  fi
}

# Stops the daemon an earlier run started (only that process: its command line names this
# demo's configuration).
stop_daemon() {
  [ -f "$pidfile" ] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$etc/daemon.yaml"; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && die "the demo daemon (pid $pid) did not stop within 30 s"
    say "stopped the demo daemon (pid $pid)"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  --stop)
    stop_daemon
    docker rm -f "$name-web" "$name-worker" >/dev/null 2>&1 || true
    docker network rm "$name-net" >/dev/null 2>&1 || true
    say "removed the containers $name-web and $name-worker and the network $name-net"
    exit 0
    ;;
  "") ;;
  *) die "usage: examples/run-demo.sh [--stop]" ;;
esac

if [ "$(id -u)" -ne 0 ]; then
  die "the demo runs stow daemon, which reads its configuration only from a directory owned by" \
    "root (0500, files 0400), as /etc/stow is on a host; run it as root (sudo examples/run-demo.sh)," \
    "as CI does. Without root, 'stow reconcile --dir DIR' deploys a folder once, with no daemon."
fi
[ -x "$root/stow-cli/target/stow" ] || die "build stow first: ./mvnw -B -q package -DskipTests"

"$root/.ci/test-env.sh"
image="$(sed -n 's/^image\.1=//p' "${STOW_TEST_ENV_DIR:-/tmp/stow-test-env}/images.properties")"
[ -n "$image" ] || die "no test image in ${STOW_TEST_ENV_DIR:-/tmp/stow-test-env}/images.properties"
command -v git >/dev/null || die "git is missing; install it (Debian: apt-get install git)"
mkdir -p "$work"
stop_daemon

say "the deployment repository: file://$repo"
[ -d "$repo" ] || git init -q --bare -b main "$repo"
if [ ! -s "$token_file" ]; then
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$token_file")
fi
# the repository's webhook: a push to main asks the daemon to deploy it and waits until it runs
cat >"$repo/hooks/post-receive" <<HOOK
#!/bin/sh
# written by examples/run-demo.sh: triggers the demo's stow daemon for a push to main
while read -r old new ref; do
  [ "\$ref" = refs/heads/main ] || continue
  [ "\$new" != 0000000000000000000000000000000000000000 ] || continue
  "$stow" trigger --url "$url" --head-hash "\$new" --token-file "$token_file" --wait --timeout 3m
done
HOOK
chmod 0755 "$repo/hooks/post-receive"

say "the daemon's configuration, locked down as on a host: $etc"
rm -rf "$etc"
mkdir -p "$etc"
cat >"$etc/daemon.yaml" <<YAML
# written by examples/run-demo.sh
git:
  url: "file://$repo"
  branch: main
subfolder: demo-host
stateDir: "$work/state"
listen: "127.0.0.1:$port"
pollInterval: 1m
triggerToken: "$(cat "$token_file")"
YAML
chown -R root:root "$etc"
find "$etc" -type d -exec chmod 0500 {} +
find "$etc" -type f -exec chmod 0400 {} +

say "stow daemon on $url (plain HTTP, as allowed on a loopback address; log: $work/daemon.log)"
nohup "$stow" daemon --config "$etc/daemon.yaml" >"$work/daemon.log" 2>&1 </dev/null &
echo $! >"$pidfile"
for _ in $(seq 1 600); do
  fetch "$url/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    tail -n 20 "$work/daemon.log" >&2
    rm -f "$pidfile"
    die "the daemon stopped; see above and $work/daemon.log"
  fi
  sleep 0.1
done
fetch "$url/healthz" >/dev/null 2>&1 || die "the daemon is not ready after 60 s; see $work/daemon.log"
# its first poll, so that the push below is what deploys (not a poll that sees it first)
for _ in $(seq 1 600); do
  fetch "$url/status" 2>/dev/null | grep -q '"phase" : "idle"' && break
  sleep 0.1
done

checkout="$work/checkout"
[ -d "$checkout/.git" ] || git clone -q "file://$repo" "$checkout" 2>/dev/null
git -C "$checkout" fetch -q origin
if git -C "$checkout" rev-parse -q --verify origin/main >/dev/null; then
  git -C "$checkout" checkout -q -B main origin/main
else
  git -C "$checkout" symbolic-ref HEAD refs/heads/main
fi
rm -rf "$checkout/demo-host"
cp -r "$root/examples/demo" "$checkout/demo-host"
sed -i \
  -e "s|image: 127.0.0.1:5000/stow-test/busybox:1@sha256:[0-9a-f]*|image: $image|" \
  -e "s/^  name: demo\$/  name: $name/" \
  -e "s/demo-\(web\|worker\|net\)/$name-\1/g" \
  -e "s/127.0.0.1:18080:8080/127.0.0.1:$web_port:8080/" \
  "$checkout/demo-host/stow.yaml"
git -C "$checkout" add -A demo-host
before="$(git --git-dir="$repo" rev-parse -q --verify refs/heads/main || true)"
if git -C "$checkout" rev-parse -q --verify HEAD >/dev/null &&
  git -C "$checkout" diff --cached --quiet; then
  say "the demo's files are unchanged: no commit"
else
  git -C "$checkout" -c user.name="stow demo" -c user.email=demo@stow.invalid \
    commit -q -m "demo-host: the demo deployment"
fi
head="$(git -C "$checkout" rev-parse HEAD)"
if [ "$head" != "$before" ]; then
  say "git push: commit $head; the repository's hook triggers the daemon and waits"
  git -C "$checkout" push -q origin main
else
  say "stow trigger: commit $head is pushed already; deploy it again (nothing to change)"
  "$stow" trigger --url "$url" --head-hash "$head" --token-file "$token_file" --wait --timeout 3m ||
    true
fi

badge="$(fetch "$url/gitlab.svg?git_hash=$head" || true)"
case "$badge" in
  *'aria-label="stow: running"'*) ;;
  *)
    tail -n 20 "$work/daemon.log" >&2
    die "the badge of $head does not say running: $(printf '%s' "$badge" |
      sed -n 's/.*aria-label="\([^"]*\)".*/\1/p'); see $url/status?head_hash=$head"
    ;;
esac
say "the badge of $head says running: $url/gitlab.svg?git_hash=$head"
say "the demo answers on http://127.0.0.1:$web_port/: $(fetch "http://127.0.0.1:$web_port/" |
  sed -n 's/.*<p>\(.*\)<\/p>.*/\1/p' | head -n 1)"
say "the dashboard: $url/"
say "the daemon keeps running (pid $(cat "$pidfile")); stop it and remove the demo with:" \
  "examples/run-demo.sh --stop"
