#!/bin/sh
# stow @VERSION@ - GitOps reconciler for one Docker host.
#
# This file is a POSIX shell launcher followed by the stow jar: the JVM reads a zip file past any
# prefix, so the file runs itself with "java -jar". Install it alone:
#   sudo install -o root -g root -m 0755 stow /usr/local/bin/stow
# It needs Java 17 or later: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on PATH.
# STOW_JAVA_OPTS adds JVM options (split on blanks), e.g. STOW_JAVA_OPTS=-Xmx256m.
# When a class-data-sharing archive made for this file by the same Java sits beside it (stow.jsa
# next to stow, as the build leaves it), the JVM starts from it; any other archive is ignored.
# Nothing below may run past the final exec: the jar's bytes follow this script.

die() {
  printf 'stow: %s\n' "$1" >&2
  exit 2
}

self=$0
case $self in
  /*) ;;
  */*) self="$(cd "${self%/*}" && pwd)/${self##*/}" || die "cannot find the directory of $0" ;;
  *) self="$(pwd)/$self" ;;
esac
# the jar and its archive are the file itself, wherever a symbolic link to it points from
jar=$(readlink -f "$self" 2>/dev/null) || jar=$self
[ -n "$jar" ] || jar=$self

if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
  [ -x "$java" ] || die "JAVA_HOME=$JAVA_HOME has no bin/java; point JAVA_HOME at a Java 17 or later runtime, or unset it to use java from PATH"
else
  java=$(command -v java) ||
    die "no Java found: install a Java 17 or later runtime (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME; hosts without Java can use stow-@VERSION@-linux-x64.tar.gz, which bundles one"
fi

# The version from the runtime's release file costs no JVM start; java -version is the fallback.
version=
home=$(readlink -f "$java" 2>/dev/null) || home=$java
home=${home%/bin/java}
if [ -r "$home/release" ]; then
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*) version=${line#JAVA_VERSION=} ;;
    esac
  done <"$home/release"
fi
if [ -z "$version" ]; then
  version=$("$java" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | sed -n 1p)
fi
version=${version#\"}
version=${version%\"}
major=${version#1.}
major=${major%%[!0-9]*}
if [ -n "$major" ] && [ "$major" -lt 17 ]; then
  die "$java is Java $version; stow needs Java 17 or later: install one and put it first on PATH or set JAVA_HOME"
fi

# file names are hashed as UTF-8 bytes: the JVM decodes them with the locale's charset, so force a
# UTF-8 locale whatever the caller set (LANG=C would turn café into caf?? and change the hash)
export LC_ALL=C.UTF-8
# snapshots hold decrypted secrets: whatever stow or its children create is private by default
umask 077
# install-systemd writes this path into the unit's ExecStart
STOW_EXECUTABLE=$self
export STOW_EXECUTABLE

# STOW_JAVA_OPTS is split on blanks on purpose; never glob it against the working directory
set -f
# shellcheck disable=SC2086
# The daemon starts once and then runs for months: it goes without the archive, whose mapping
# the JVM relocates page by page at start (address-space randomisation), so it would stay
# resident in full and cost the daemon more memory (3 to 4 MiB) than its classes would.
if [ -r "$jar.jsa" ] && [ "${1:-}" != daemon ]; then
  # -Xshare:auto: an archive from another Java or an older copy of this file is skipped silently
  set -- "-XX:SharedArchiveFile=$jar.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
    ${STOW_JAVA_OPTS:-} -jar "$jar" "$@"
else
  set -- ${STOW_JAVA_OPTS:-} -jar "$jar" "$@"
fi
exec "$java" "$@"
exit 127
