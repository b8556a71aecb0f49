#!/usr/bin/env bash
# The action image's entrypoint. bash, not sh: GitHub passes inputs as INPUT_DEV-URL and the like, which dash
# drops before exec.
#
# GitHub runs container actions as root, with the workspace (and the files GitHub hands the step) owned by the
# runner's user. PostgreSQL refuses root, and Docker's default seccomp profile blocks the user namespace the
# embedded dev database would otherwise run in. So, as root with a workspace that someone else owns, run as that
# owner: the embedded PostgreSQL then starts, and the report, outputs and summary belong to the runner's user.
set -eu
# The launcher says how the JVM runs (bin/schemagate in the repository); it runs this jar, never building one.
launcher=/opt/schemagate/bin/schemagate
export SCHEMAGATE_JAR=/opt/schemagate/schemagate.jar
workspace=${GITHUB_WORKSPACE:-$PWD}
owner=$(stat -c %u:%g "$workspace" 2>/dev/null || echo 0:0)
if [ "$(id -u)" = 0 ] && [ "${owner%%:*}" != 0 ]; then
  uid=${owner%%:*} gid=${owner##*:} home=/tmp/schemagate-home
  mkdir -p "$home"
  chown "$owner" "$home"
  # initdb looks its user up by uid: give the runner's uid a name here.
  getent group "$gid" >/dev/null || echo "runner:x:$gid:" >>/etc/group
  getent passwd "$uid" >/dev/null || echo "runner:x:$uid:$gid:runner:$home:/bin/sh" >>/etc/passwd
  export HOME=$home XDG_CACHE_HOME=$home/.cache
  exec setpriv --reuid="$uid" --regid="$gid" --clear-groups "$launcher" "$@"
fi
exec "$launcher" "$@"
