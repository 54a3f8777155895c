#!/usr/bin/env bash
# Gives stow's integration tests (stow-it) a real Docker engine, a real local registry on
# 127.0.0.1:5000 and two pinned test images built offline from busybox-static.
#
#   bash .ci/test-env.sh          # or: source .ci/test-env.sh (also exports the image variables)
#
# Idempotent: whatever already answers is reused, so a second run takes a second or two.
# On a fresh Debian machine running as root it installs and starts what is missing; when it cannot
# get an engine or a registry it fails and says what to install. It never lets the tests be skipped.
#
# Writes the image references (repo:tag@sha256:digest, as users pin them in stow.yaml) to
#   ${STOW_TEST_ENV_DIR:-/tmp/stow-test-env}/images.properties
# which the tests read (io.stow.it.support.TestImages), and the headless browser of the dashboard's
# test (Debian's chromium and its chromedriver) to browser.properties (io.stow.it.support.Browser).
# Logs of the daemons go to the same directory.

_stow_test_env_main() {
  set -euo pipefail

  local ci_dir state_dir registry_addr repo
  ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  state_dir="${STOW_TEST_ENV_DIR:-/tmp/stow-test-env}"
  registry_addr="127.0.0.1:5000"
  repo="${registry_addr}/stow-test/busybox"
  mkdir -p "$state_dir"

  log() { printf 'test-env: %s\n' "$*" >&2; }
  die() {
    printf 'test-env: ERROR: %s\n' "$*" >&2
    exit 1
  }
  is_root() { [ "$(id -u)" -eq 0 ]; }

  local apt_updated=no
  apt_install() { # package... : installs Debian packages, running apt-get update once
    is_root || die "package(s) $* missing and not running as root; install them: sudo apt-get install -y $*"
    command -v apt-get >/dev/null || die "package(s) $* missing and apt-get is not available; install them with your package manager"
    if [ "$apt_updated" = no ]; then
      log "apt-get update"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
      apt_updated=yes
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 ||
      die "apt-get install $* failed; install them by hand"
  }

  http_ok() { # url : true when the URL answers with a 2xx status
    if command -v curl >/dev/null; then
      curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
    else
      busybox wget -q -O /dev/null -T 2 "$1" 2>/dev/null
    fi
  }

  # --- tools --------------------------------------------------------------------------------------
  local missing=()
  command -v docker >/dev/null || missing+=(docker.io)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  # the test image runs busybox with no libraries around it, so it must be the static build
  if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
    missing+=(busybox-static)
  fi
  # the dashboard's browser test: Debian's chromium and the chromedriver of the same build (never
  # a browser or driver downloaded by Selenium), and a font to render text in screenshots
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi

  # --- browser ------------------------------------------------------------------------------------
  local chromium_version driver_version
  chromium_version="$(/usr/bin/chromium --version 2>/dev/null | sed -n 's/^Chromium \([0-9][0-9.]*\).*/\1/p')"
  driver_version="$(/usr/bin/chromedriver --version 2>/dev/null | sed -n 's/^ChromeDriver \([0-9][0-9.]*\).*/\1/p')"
  [ -n "$chromium_version" ] || die "/usr/bin/chromium --version printed no version; reinstall it: apt-get install --reinstall chromium"
  [ -n "$driver_version" ] || die "/usr/bin/chromedriver --version printed no version; reinstall it: apt-get install --reinstall chromium-driver"
  [ "${chromium_version%%.*}" = "${driver_version%%.*}" ] ||
    die "chromium $chromium_version and chromedriver $driver_version differ; install both from the same release: apt-get install chromium chromium-driver"
  {
    echo "# written by .ci/test-env.sh; read by io.stow.it.support.Browser"
    echo "chromium=/usr/bin/chromium"
    echo "chromedriver=/usr/bin/chromedriver"
    echo "version=$chromium_version"
  } >"$state_dir/browser.properties"
  log "browser: chromium $chromium_version with chromedriver $driver_version"

  # --- Docker engine ------------------------------------------------------------------------------
  if docker info >/dev/null 2>&1; then
    log "Docker engine already answering (DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock})"
  else
    case "${DOCKER_HOST:-unix:///var/run/docker.sock}" in
      unix:///var/run/docker.sock | unix:///run/docker.sock) ;;
      *) die "DOCKER_HOST=$DOCKER_HOST does not answer 'docker info'; start that engine or unset DOCKER_HOST to use a local dockerd" ;;
    esac
    command -v dockerd >/dev/null || apt_install docker.io
    is_root || die "no Docker engine answers on /var/run/docker.sock and starting dockerd needs root; start it (sudo dockerd &) or install docker.io"
    if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
      log "dockerd is running but not answering yet; waiting"
    else
      log "starting dockerd (log: $state_dir/dockerd.log)"
      setsid nohup dockerd >"$state_dir/dockerd.log" 2>&1 </dev/null &
    fi
    local waited=0
    until docker info >/dev/null 2>&1; do
      if [ "$waited" -ge 60 ]; then
        tail -n 20 "$state_dir/dockerd.log" >&2 2>/dev/null || true
        die "dockerd did not answer 'docker info' within 60 s; see $state_dir/dockerd.log"
      fi
      sleep 1
      waited=$((waited + 1))
    done
    log "Docker engine up after ${waited}s"
  fi

  # --- local registry -----------------------------------------------------------------------------
  if http_ok "http://${registry_addr}/v2/"; then
    log "registry already answering on ${registry_addr}"
  else
    log "starting docker-registry on ${registry_addr} (log: $state_dir/registry.log)"
    mkdir -p "$state_dir/registry"
    REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY="$state_dir/registry" \
      setsid nohup docker-registry serve "$ci_dir/registry.yml" \
      >"$state_dir/registry.log" 2>&1 </dev/null &
    local waited=0
    until http_ok "http://${registry_addr}/v2/"; do
      if [ "$waited" -ge 30 ]; then
        tail -n 20 "$state_dir/registry.log" >&2 2>/dev/null || true
        die "docker-registry did not answer http://${registry_addr}/v2/ within 30 s; see $state_dir/registry.log (is port 5000 taken?)"
      fi
      sleep 1
      waited=$((waited + 1))
    done
    log "registry up after ${waited}s"
  fi

  # --- test images --------------------------------------------------------------------------------
  # A rootfs with busybox and one symlink per applet (sh, sleep, httpd, wget, ...), imported offline.
  # Tag 2 differs from tag 1 by a marker file, so tests can switch a container between two digests.
  build_rootfs() { # dir marker
    local dir="$1" marker="$2"
    rm -rf "$dir"
    mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/www" "$dir/root" "$dir/home/stow"
    chmod 1777 "$dir/tmp"
    cp /bin/busybox "$dir/bin/busybox"
    local applet
    for applet in $(/bin/busybox --list); do
      [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nstow:x:1000:1000:stow:/home/stow:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/etc/passwd"
    printf 'root:x:0:\nstow:x:1000:\nnogroup:x:65534:\n' >"$dir/etc/group"
    printf 'stow test image\n' >"$dir/www/index.html"
    printf '%s\n' "$marker" >"$dir/stow-test-image"
  }

  local tag props tmp_props
  props="$state_dir/images.properties"
  tmp_props="$(mktemp "$state_dir/images.properties.XXXXXX")"
  {
    echo "# written by .ci/test-env.sh; read by io.stow.it.support.TestImages"
    echo "registry=${registry_addr}"
  } >"$tmp_props"
  for tag in 1 2; do
    if ! docker image inspect "${repo}:${tag}" >/dev/null 2>&1; then
      log "importing ${repo}:${tag} from /bin/busybox"
      local rootfs="$state_dir/rootfs-${tag}"
      build_rootfs "$rootfs" "$tag"
      tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$rootfs.tar" .
      docker import \
        --change 'ENV PATH=/bin' \
        --change 'CMD ["sh"]' \
        --message "stow test image ${tag}" \
        "$rootfs.tar" "${repo}:${tag}" >/dev/null
      rm -rf "$rootfs" "$rootfs.tar"
      if ! docker run --rm --network none "${repo}:${tag}" sh -c 'exit 0' >&2; then
        docker rmi "${repo}:${tag}" >/dev/null 2>&1 || true
        die "the imported test image does not run; is /bin/busybox from busybox-static? (apt-get install busybox-static)"
      fi
    fi
    # Pushing is cheap when the registry already holds the blobs, and it reports the digest.
    local out digest
    out="$(docker push "${repo}:${tag}" 2>&1)" || {
      printf '%s\n' "$out" >&2
      die "docker push ${repo}:${tag} failed; see $state_dir/registry.log"
    }
    digest="$(printf '%s\n' "$out" | sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' | tail -n 1)"
    [ -n "$digest" ] || die "could not read the digest from 'docker push ${repo}:${tag}': $out"
    echo "image.${tag}=${repo}:${tag}@${digest}" >>"$tmp_props"
    log "image.${tag}=${repo}:${tag}@${digest}"
  done
  mv -f "$tmp_props" "$props"
  log "image references written to $props"

  # --- SSH Git remote -----------------------------------------------------------------------------
  # A real sshd on 127.0.0.1:2222 for the plain Git source: user git (key logins only; its password
  # field is '*', as '!' would refuse key logins too), repositories below /srv/stow-git, a host key
  # and a client key pair in $state_dir/ssh. Tests read $state_dir/ssh.properties.
  local ssh_dir="$state_dir/ssh" ssh_port=2222 git_home=/srv/stow-git
  if ! command -v sshd >/dev/null && [ ! -x /usr/sbin/sshd ]; then
    apt_install openssh-server
  fi
  if ! command -v git >/dev/null; then
    apt_install git
  fi
  if ! id git >/dev/null 2>&1; then
    is_root || die "user git is missing and creating it needs root"
    useradd --system --home-dir "$git_home" --create-home --shell /usr/bin/git-shell git
  fi
  if is_root; then
    usermod -p '*' git
    mkdir -p "$git_home"
    printf '[safe]\n\tdirectory = *\n' >"$git_home/.gitconfig"
    chown git:git "$git_home" "$git_home/.gitconfig"
  fi
  mkdir -p "$ssh_dir"
  chmod 0755 "$ssh_dir"
  [ -f "$ssh_dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C stow-test-host -f "$ssh_dir/host_ed25519"
  [ -f "$ssh_dir/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C stow-test-client -f "$ssh_dir/client_ed25519"
  cp "$ssh_dir/client_ed25519.pub" "$ssh_dir/authorized_keys"
  chmod 0644 "$ssh_dir/authorized_keys"
  cat >"$ssh_dir/sshd_config" <<SSHD
Port $ssh_port
ListenAddress 127.0.0.1
HostKey $ssh_dir/host_ed25519
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers git
StrictModes no
SSHD
  if [ -f "$ssh_dir/sshd.pid" ] && kill -0 "$(cat "$ssh_dir/sshd.pid")" 2>/dev/null; then
    log "sshd already running on 127.0.0.1:$ssh_port"
  else
    is_root || die "starting sshd for the Git tests needs root"
    mkdir -p /run/sshd
    "$(command -v sshd || echo /usr/sbin/sshd)" -f "$ssh_dir/sshd_config" -E "$state_dir/sshd.log" ||
      die "sshd did not start; see $state_dir/sshd.log"
    log "sshd started on 127.0.0.1:$ssh_port"
  fi
  {
    echo "# written by .ci/test-env.sh; read by io.stow.it.support.SshRemote"
    echo "host=127.0.0.1"
    echo "port=$ssh_port"
    echo "user=git"
    echo "repositories=$git_home"
    echo "clientKey=$ssh_dir/client_ed25519"
    echo "hostKey=$(cut -d' ' -f1-2 "$ssh_dir/host_ed25519.pub")"
  } >"$state_dir/ssh.properties"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: run in a subshell so set -e and exit do not leak into the caller, then export.
  if (_stow_test_env_main); then
    STOW_TEST_ENV_DIR="${STOW_TEST_ENV_DIR:-/tmp/stow-test-env}"
    STOW_TEST_IMAGE_1="$(sed -n 's/^image\.1=//p' "$STOW_TEST_ENV_DIR/images.properties")"
    STOW_TEST_IMAGE_2="$(sed -n 's/^image\.2=//p' "$STOW_TEST_ENV_DIR/images.properties")"
    export STOW_TEST_ENV_DIR STOW_TEST_IMAGE_1 STOW_TEST_IMAGE_2
    unset -f _stow_test_env_main
  else
    unset -f _stow_test_env_main
    return 1
  fi
else
  _stow_test_env_main
fi
