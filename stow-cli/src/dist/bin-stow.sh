#!/bin/sh
# stow @VERSION@ - GitOps reconciler for one Docker host, with its own Java runtime.
#
# Runs lib/stow.jar on the runtime image in runtime/ beside this bin/ directory (only the JDK
# modules stow needs, made with jlink). The first run that may write lib/ (root, for an install
# under /opt) turns lib/stow.classlist into lib/stow.jsa, a class-data-sharing archive that
# shortens every later start: Java 17 accepts one only for the jar path it was made with, so it is
# made here rather than shipped, and again if the installation moves or changes version.
# Link it onto PATH, e.g.
#   sudo ln -s /opt/stow-@VERSION@/bin/stow /usr/local/bin/stow
# STOW_JAVA_OPTS adds JVM options (split on blanks). JAVA_HOME and PATH are not consulted.

self=$0
case $self in
  /*) ;;
  */*) self="$(cd "${self%/*}" && pwd)/${self##*/}" || exit 2 ;;
  *) self="$(pwd)/$self" ;;
esac
# the installation is where this script really lives, also when it is reached through a link
real=$(readlink -f "$self" 2>/dev/null) || real=$self
[ -n "$real" ] || real=$self
home=${real%/bin/*}
java="$home/runtime/bin/java"
if [ ! -x "$java" ]; then
  printf 'stow: %s is missing: unpack the whole stow-@VERSION@-linux-x64.tar.gz and run its bin/stow\n' "$java" >&2
  exit 2
fi

jar="$home/lib/stow.jar"
archive="$home/lib/stow.jsa"
# what lib/stow.jsa.for records: an archive is good for one jar path and one version of stow
made_for_here="$jar @VERSION@"
if [ -r "$home/lib/stow.classlist" ] && [ -w "$home/lib" ]; then
  made_for=
  [ -r "$archive.for" ] && read -r made_for <"$archive.for"
  if [ ! -r "$archive" ] || [ "$made_for" != "$made_for_here" ]; then
    # readable by every user; written under temporary names so that a concurrent start never
    # sees half an archive
    (
      umask 022
      "$java" -Xshare:dump -Xms128m -Xmx128m "-XX:SharedClassListFile=$home/lib/stow.classlist" \
        "-XX:SharedArchiveFile=$archive.$$" -cp "$jar" >/dev/null 2>&1 &&
        printf '%s\n' "$made_for_here" >"$archive.for.$$" &&
        mv -f "$archive.$$" "$archive" && mv -f "$archive.for.$$" "$archive.for"
      rm -f "$archive.$$" "$archive.for.$$"
    )
  fi
fi

# file names are hashed as UTF-8 bytes: the JVM decodes them with the locale's charset, so force a
# UTF-8 locale whatever the caller set (LANG=C would turn café into caf?? and change the hash)
export LC_ALL=C.UTF-8
# snapshots hold decrypted secrets: whatever stow or its children create is private by default
umask 077
# install-systemd writes this path into the unit's ExecStart
STOW_EXECUTABLE=$self
export STOW_EXECUTABLE

set -f
# shellcheck disable=SC2086
# The daemon starts once and then runs for months: it goes without the archive, whose mapping
# the JVM relocates page by page at start (address-space randomisation), so it would stay
# resident in full and cost the daemon more memory (3 to 4 MiB) than its classes would.
if [ -r "$archive" ] && [ "${1:-}" != daemon ]; then
  # -Xshare:auto: an archive that no longer matches is skipped silently
  set -- "-XX:SharedArchiveFile=$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
    ${STOW_JAVA_OPTS:-} -jar "$jar" "$@"
else
  set -- ${STOW_JAVA_OPTS:-} -jar "$jar" "$@"
fi
exec "$java" "$@"
