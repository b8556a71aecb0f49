#!/usr/bin/env bash
# Makes the local Debian bookworm base image of schemagate's container image, when it does not exist yet:
# debootstrap --variant=minbase, then "podman import". For machines that cannot pull debian:bookworm-slim from a
# registry (the project's CI); a Docker host that can pull does not need it. Usage:
#
#   image/build-base.sh [IMAGE]        # default localhost/schemagate-base:bookworm
#
# CONTAINER_ENGINE=docker uses docker instead of podman (PODMAN_RUNTIME, default runc, is podman's --runtime;
# empty for podman's own default). DEBIAN_MIRROR and DEBIAN_SECURITY_MIRROR override
# http://deb.debian.org/debian and …/debian-security. Needs root (debootstrap).
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin # debootstrap, for a non-login root shell

engine=${CONTAINER_ENGINE:-podman}
image=${1:-${SCHEMAGATE_BASE_IMAGE:-localhost/schemagate-base:bookworm}}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

fail() { echo "build-base.sh: $*" >&2; exit 1; }

if ! command -v "$engine" >/dev/null 2>&1; then
  case "$engine" in
    podman) fail "podman is not installed (apt-get install podman runc; or CONTAINER_ENGINE=docker)" ;;
    *) fail "$engine (CONTAINER_ENGINE) is not installed" ;;
  esac
fi
engine_cmd=("$engine")
if [ "$engine" = podman ] && [ -n "${PODMAN_RUNTIME-runc}" ]; then
  engine_cmd+=(--runtime "${PODMAN_RUNTIME-runc}")
fi

exists() { "${engine_cmd[@]}" image inspect "$image" >/dev/null 2>&1; }

# Two builds at once must not both debootstrap, nor import twice.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/schemagate-build-base.lock"
  flock 9
fi

if exists; then
  exit 0
fi

command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (apt-get install debootstrap)"
[ "$(id -u)" = 0 ] || fail "debootstrap needs root"

rootfs=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-base.XXXXXX")
log=$rootfs.log
trap 'rm -rf "$rootfs" "$log"' EXIT

echo "build-base.sh: debootstrap bookworm (minbase) for $image..." >&2
if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  fail "debootstrap failed (log above)"
fi

# As in debian:bookworm-slim: updates and security sources too, no package lists or .deb files in the image.
cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
# Like debian:bookworm-slim, also leave out documentation and translations (of the packages installed later too).
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EXCLUDES'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EXCLUDES
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/lintian/*
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/var/log/bootstrap.log

if ! tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$rootfs" -c . \
    | "${engine_cmd[@]}" import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' - "$image" >"$log" 2>&1; then
  cat "$log" >&2
  fail "$engine import of $image failed (output above)"
fi
echo "build-base.sh: made $image" >&2
