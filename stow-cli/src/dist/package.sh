#!/bin/sh
# Builds stow's distributions from the shaded jar; Maven's package phase runs it (stow-cli/pom.xml).
#
#   package.sh single-file JAR OUT VERSION
#       OUT = the launcher (launcher.sh) followed by JAR: one executable file, byte for byte the
#       same for the same JAR.
#   package.sh cds JAVA CLASSPATH ARCHIVE WORK TRAINING
#       a class-data-sharing archive of what stow loads for --version, validate, hash, a dry run,
#       a trigger and (as root) a daemon answering each endpoint, made by JAVA for CLASSPATH. The
#       JVM uses it only for that exact path (Java 17; later versions allow moving it), size and
#       modification time, else ignores it.
#   package.sh tarball JDK JAR VERSION MODULES TIMESTAMP OUTDIR TRAINING
#       OUTDIR/stow-VERSION-linux-x64.tar.gz: bin/stow, lib/stow.jar, lib/stow.classlist (from
#       which bin/stow makes lib/stow.jsa where the tarball is unpacked) and a jlink runtime of JDK
#       holding only MODULES. Entries carry TIMESTAMP, root ownership and sorted names.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

absolute() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(pwd)" "$1" ;;
  esac
}

fail() {
  printf 'package.sh: %s\n' "$1" >&2
  exit 1
}

single_file() { # JAR OUT VERSION
  [ -f "$1" ] || fail "no jar at $1; run the shade plugin first"
  sed "s/@VERSION@/$3/g" "$here/launcher.sh" >"$2.tmp"
  cat "$1" >>"$2.tmp"
  chmod 0755 "$2.tmp"
  mv -f "$2.tmp" "$2"
}

# Runs one training command. Only the classes it loads matter, but an exit status above MAX means
# the jar is broken or the training is out of date with the CLI: a dry run with no Docker engine
# and a trigger that nothing answers may fail (MAX 1) after loading what they use, the rest may not.
train() { # MAX JAVA CLASSPATH LIST WORK ARGS...
  max=$1 java=$2 classpath=$3 list=$4 work=$5
  shift 5
  status=0
  (
    cd "$work"
    HOME="$work" LC_ALL=C.UTF-8 DOCKER_HOST="unix://$work/no-docker.sock" \
      "$java" -Xshare:auto "-XX:DumpLoadedClassList=$list" -cp "$classpath" io.stow.cli.Main "$@" \
      >>"$work/training.log" 2>&1
  ) || status=$?
  [ "$status" -le "$max" ] || fail "the training run 'stow $*' exited with $status; see $work/training.log"
  [ -s "$list" ] || fail "the training run 'stow $*' listed no classes; see $work/training.log"
}

# The daemon: started on a loopback port with a configuration directory locked down as it wants
# (root-owned, so only when the build runs as root; otherwise the list leaves the daemon out and
# says so), asked for each endpoint once with curl, then stopped with SIGTERM. Its GitLab is a port
# where nothing answers: the start-up poll fails after the client's retries (a few seconds).
train_daemon() { # JAVA CLASSPATH LIST WORK
  java=$1 classpath=$2 list=$3 work=$4
  if [ "$(id -u)" != 0 ]; then
    printf 'package.sh: not root: the class-data-sharing archive leaves out the daemon (its configuration must be owned by root)\n' >&2
    return 0
  fi
  if ! command -v curl >/dev/null 2>&1; then
    printf 'package.sh: no curl: the class-data-sharing archive leaves out the daemon\n' >&2
    return 0
  fi
  etc="$work/daemon-etc"
  log="$work/daemon.log"
  rm -rf "$etc" "$work/daemon-state"
  mkdir -p "$etc"
  printf '%s\n' \
    'gitlabBase: http://127.0.0.1:9/api/v4' \
    'project: training/deployments' \
    'gitlabToken: training-token-not-a-secret' \
    'subfolder: training' \
    'listen: 127.0.0.1:0' \
    "stateDir: $work/daemon-state" \
    'pollInterval: 1h' \
    'triggerToken: training-trigger-token' >"$etc/daemon.yaml"
  chmod 0400 "$etc/daemon.yaml"
  chmod 0500 "$etc"
  (
    cd "$work"
    HOME="$work" LC_ALL=C.UTF-8 DOCKER_HOST="unix://$work/no-docker.sock" \
      exec "$java" -Xshare:auto "-XX:DumpLoadedClassList=$list" -cp "$classpath" io.stow.cli.Main \
      daemon --config "$etc/daemon.yaml" >"$log" 2>&1
  ) &
  pid=$!
  url=
  tries=0
  while [ -z "$url" ] && [ "$tries" -lt 300 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
    tries=$((tries + 1))
    url=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\).*|\1|p' "$log")
  done
  if [ -z "$url" ]; then
    kill -9 "$pid" 2>/dev/null || true
    chmod -R u+w "$etc"
    fail "the training daemon did not listen within 30 s; see $log"
  fi
  head=0123456789abcdef0123456789abcdef01234567
  for path in / /status "/status?head_hash=$head" "/gitlab.svg?git_hash=$head" /metrics /healthz /nope; do
    curl -sS -o /dev/null --max-time 10 "$url$path" || true
  done
  curl -sS -o /dev/null --max-time 10 -H 'Accept: text/html' "$url/" || true
  curl -sS -o /dev/null --max-time 10 -X POST "$url/trigger?head_hash=$head" || true
  curl -sS -o /dev/null --max-time 10 -X POST -H 'Authorization: Bearer training-trigger-token' \
    "$url/trigger?head_hash=$head" || true
  kill -TERM "$pid"
  status=0
  wait "$pid" || status=$?
  chmod -R u+w "$etc"
  grep -q 'info stopped' "$log" || fail "the training daemon did not stop cleanly (exit $status); see $log"
}

# The classes stow loads for --version, validate, hash, a dry run, a trigger and the daemon, sorted
# so that the order threads happened to load them in does not change the file. (The dry run and
# the trigger start threads, and which of them loads an exception class first varies: a build may
# list a few classes more or fewer than the last.)
classlist() { # JAVA CLASSPATH OUT WORK TRAINING
  java=$(absolute "$1") classpath=$(absolute "$2") out=$(absolute "$3") work=$(absolute "$4")
  training=$(absolute "$5")
  rm -rf "$work"
  mkdir -p "$work"
  train 0 "$java" "$classpath" "$work/1.classlist" "$work" --version
  train 0 "$java" "$classpath" "$work/2.classlist" "$work" validate "$training"
  train 0 "$java" "$classpath" "$work/3.classlist" "$work" hash "$training"
  train 1 "$java" "$classpath" "$work/4.classlist" "$work" \
    reconcile --dir "$training" --dry-run --plan-json --state-dir "$work/state"
  # port 9 (discard) answers nothing on a build machine: the trigger's client and its error path
  train 1 "$java" "$classpath" "$work/5.classlist" "$work" \
    trigger --url http://127.0.0.1:9 --head-hash 0123456789abcdef0123456789abcdef01234567 --attempts 1
  train_daemon "$java" "$classpath" "$work/6.classlist" "$work"
  cat "$work"/[0-9].classlist | LC_ALL=C sort -u >"$out"
}

cds() { # JAVA CLASSPATH ARCHIVE WORK TRAINING
  classlist "$1" "$2" "$4/stow.classlist" "$4" "$5"
  java=$(absolute "$1") classpath=$(absolute "$2") archive=$(absolute "$3") work=$(absolute "$4")
  rm -f "$archive"
  "$java" -Xshare:dump -Xms128m -Xmx128m "-XX:SharedClassListFile=$work/stow.classlist" \
    "-XX:SharedArchiveFile=$archive" -cp "$classpath" >"$work/dump.log" 2>&1 ||
    fail "the class-data-sharing dump failed; see $work/dump.log"
  [ -s "$archive" ] || fail "no archive at $archive; see $work/dump.log"
}

tarball() { # JDK JAR VERSION MODULES TIMESTAMP OUTDIR TRAINING
  jdk=$1 jar=$2 version=$3 modules=$4 timestamp=$5 outdir=$(absolute "$6") training=$7
  [ -x "$jdk/bin/jlink" ] || fail "$jdk has no bin/jlink; build with a full JDK 17 or later"
  tar --version 2>/dev/null | grep -q 'GNU tar' || fail "GNU tar is needed for a reproducible tarball"
  name="stow-$version"
  dist="$outdir/dist"
  stage="$dist/$name"
  rm -rf "$dist"
  mkdir -p "$stage/bin" "$stage/lib"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$stage/runtime"
  cp "$jar" "$stage/lib/stow.jar"
  sed "s/@VERSION@/$version/g" "$here/bin-stow.sh" >"$stage/bin/stow"
  # Java 17 accepts an archive only for the jar path it was dumped with, which is the path the
  # tarball is unpacked to: ship the class list, and bin/stow dumps the archive there once
  classlist "$stage/runtime/bin/java" "$stage/lib/stow.jar" "$stage/lib/stow.classlist" \
    "$outdir/cds-tarball" "$training"
  chmod -R u+rwX,go+rX,go-w "$stage"
  chmod 0755 "$stage/bin/stow"
  out="$outdir/$name-linux-x64.tar.gz"
  (cd "$dist" && tar --sort=name --mtime="$timestamp" --owner=0 --group=0 --numeric-owner \
    --format=gnu -cf - "$name") | gzip -n >"$out.tmp"
  mv -f "$out.tmp" "$out"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  single-file) [ $# -eq 3 ] || fail "usage: single-file JAR OUT VERSION"; single_file "$@" ;;
  cds) [ $# -eq 5 ] || fail "usage: cds JAVA CLASSPATH ARCHIVE WORK TRAINING"; cds "$@" ;;
  tarball)
    [ $# -eq 7 ] || fail "usage: tarball JDK JAR VERSION MODULES TIMESTAMP OUTDIR TRAINING"
    tarball "$@"
    ;;
  *) fail "unknown command '$command': single-file, cds or tarball" ;;
esac
