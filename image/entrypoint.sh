#!/usr/bin/env bash
# The image's entrypoint, and the `schemagate` on its PATH: GitLab jobs empty the entrypoint and call schemagate
# from their script; Jenkins' docker.image(…).inside replaces the entrypoint and runs its sh steps with -u uid:gid.
# bash, not sh: dash drops variables whose names are not identifiers (the action's INPUT_DEV-URL).
#
# The CLI never runs as root unless asked (PostgreSQL refuses root, and Docker's seccomp profile denies the user
# namespace the CLI would otherwise hide root in). Started as root, this becomes SCHEMAGATE_USER (uid[:gid], a user
# name, or root to stay root), else the owner of the working directory when that is not root (a mounted checkout:
# the reports then belong to its owner), else the image's user schemagate (10001); then it runs itself again.
# As any other user it gives a uid without a passwd entry a name through nss_wrapper (initdb looks its user up by
# uid; /etc/passwd stays read-only) and a writable HOME (the cache of unpacked PostgreSQL binaries lives there).
set -eu
self=/usr/local/bin/schemagate
# The launcher says how the JVM runs (bin/schemagate in the repository); it runs this jar, never building one.
launcher=/opt/schemagate/bin/schemagate
export SCHEMAGATE_JAR=/opt/schemagate/schemagate.jar

fail() { echo "schemagate (image): $*" >&2; exit 2; }

# A number a uid or gid may be: decimal, leading zeros allowed ("0042" is 42), below 4294967295 ((uid_t) -1, which
# setpriv and the kernel take as "unchanged"); more than 10 digits never is. Prints it normalised.
id_number() {
  case $1 in '' | *[!0-9]*) return 1 ;; esac
  [ ${#1} -le 10 ] || return 1
  [ $((10#$1)) -lt 4294967295 ] || return 1
  echo $((10#$1))
}

if [ "$(id -u)" = 0 ]; then
  # Set below for the run as the target user: a setpriv that left us root must not loop through here again.
  [ -z "${SCHEMAGATE_DROPPED:-}" ] || fail "still root after dropping to SCHEMAGATE_USER=${SCHEMAGATE_USER:-}; refusing to run as root (SCHEMAGATE_USER=root asks for it)"
  target=${SCHEMAGATE_USER:-}
  if [ -z "$target" ]; then
    target=$(stat -c %u:%g . 2>/dev/null || echo 0:0)
    if [ "${target%%:*}" = 0 ]; then
      target=schemagate
    elif [ "${target#*:}" = 0 ]; then # a checkout of group root: the owner with a group of its own number
      target=${target%%:*}
    fi
  fi
  case $target in
    root) exec "$launcher" "$@" ;; # asked for, by name only: 0 or 00 may be a mistake, root is not
    *[!0-9:]*) # a name known to the image
      uid=$(id -u "$target" 2>/dev/null) || fail "SCHEMAGATE_USER=$target: no such user"
      gid=$(id -g "$target") ;;
    *:*:*) fail "SCHEMAGATE_USER=$target is not uid[:gid]" ;;
    *:*) uid=${target%%:*} gid=${target#*:} ;;
    *) uid=$target gid=$target ;;
  esac
  uid=$(id_number "$uid") && gid=$(id_number "$gid") || fail "SCHEMAGATE_USER=$target is not uid[:gid] (decimal, below 4294967295)"
  [ "$uid" != 0 ] || fail "SCHEMAGATE_USER=$target is uid 0: set SCHEMAGATE_USER=root to run as root"
  [ "$gid" != 0 ] || fail "SCHEMAGATE_USER=$target is group 0 (root's): give another gid"
  # No supplementary groups, no inheritable capabilities, and the others go with the uid (no keep-caps), as with
  # gosu in the postgres image.
  export SCHEMAGATE_DROPPED=1
  exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all -- "$self" "$@"
fi
unset SCHEMAGATE_DROPPED

uid=$(id -u)
home_ok() { [ -n "${1:-}" ] && [ "$1" != / ] && [ -d "$1" ] && [ -w "$1" ] && [ -x "$1" ]; }
if ! home_ok "${HOME:-}"; then
  if home_ok /home/schemagate; then # schemagate's own, and group 0's (OpenShift's arbitrary uids)
    HOME=/home/schemagate
  else # e.g. Jenkins' -u 1000:1000: one per uid, kept for the container's later steps
    HOME=${TMPDIR:-/tmp}/schemagate-home-$uid
    mkdir -p -m 700 "$HOME" 2>/dev/null || true
    # Not a symlink another user planted in the shared /tmp, even one to a directory of ours (-O follows links).
    if [ -L "$HOME" ] || [ ! -O "$HOME" ] || ! home_ok "$HOME"; then
      HOME=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-home.XXXXXX")
    fi
  fi
  export HOME
fi
# Java takes user.home from the passwd entry, not from HOME (podman's -u adds one whose home is the working
# directory): make it follow HOME, as git and the shell do. Before the caller's options, so theirs win. The
# launcher splits SCHEMAGATE_JAVA_OPTS into words and globs them: a HOME with blanks or pattern characters is left
# to the passwd entry.
case $HOME in
  *[[:space:]*?[]*) ;;
  *) export SCHEMAGATE_JAVA_OPTS="-Duser.home=$HOME${SCHEMAGATE_JAVA_OPTS:+ $SCHEMAGATE_JAVA_OPTS}" ;;
esac

if ! getent passwd "$uid" >/dev/null 2>&1; then
  wrapper=$(ls /usr/lib/*/libnss_wrapper.so 2>/dev/null | head -n 1)
  if [ -n "$wrapper" ]; then
    # One file per uid beside the CLI's cache, replaced whole (a parallel run may be reading it), none left in /tmp.
    passwd=$HOME/.cache/schemagate/passwd-$uid
    mkdir -p "${passwd%/*}"
    written=$(mktemp "$passwd.XXXXXX")
    { cat /etc/passwd; echo "schemagate-$uid:x:$uid:$(id -g):schemagate:$HOME:/bin/sh"; } >"$written"
    mv -f "$written" "$passwd"
    export LD_PRELOAD="$wrapper${LD_PRELOAD:+ $LD_PRELOAD}" NSS_WRAPPER_PASSWD=$passwd NSS_WRAPPER_GROUP=/etc/group
  fi
fi
exec "$launcher" "$@"
