#!/bin/sh
# stow @VERSION@ - GitOps reconciler for one Docker host, with its own Java runtime.
#
# Runs lib/stow.jar on the runtime image in runtime/ beside this bin/ directory (only the JDK
# modules stow needs, made with jlink), starting from the class-data-sharing archive lib/stow.jsa
# that the build made with that same runtime. Link it onto PATH, e.g.
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

# file names are hashed as UTF-8 bytes: the JVM decodes them with the locale's charset, so force a
# UTF-8 locale whatever the caller set (LANG=C would turn café into caf?? and change the hash)
export LC_ALL=C.UTF-8
# snapshots hold decrypted secrets: whatever stow or its children create is private by default
umask 077
# install-systemd writes this path into the unit's ExecStart
STOW_EXECUTABLE=$self
export STOW_EXECUTABLE

set -f
if [ -r "$home/lib/stow.jsa" ]; then
  set -- "-XX:SharedArchiveFile=$home/lib/stow.jsa" -Xshare:auto -Xlog:cds=off \
    -Xlog:cds+dynamic=off ${STOW_JAVA_OPTS:-} -jar "$home/lib/stow.jar" "$@"
else
  set -- ${STOW_JAVA_OPTS:-} -jar "$home/lib/stow.jar" "$@"
fi
exec "$java" "$@"
