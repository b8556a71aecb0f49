#!/usr/bin/env bash
# Builds the database images the docker:// dev database tests start (ContainerDevDatabaseTest, DatabaseContainerTest)
# when no registry can be reached, as on this project's CI: stand-ins for the official images, from Debian
# bookworm's packages on the debootstrap base of image/build-base.sh, tagged like the originals:
#
#   docker.io/library/postgres:15     Debian's postgresql-15       (.ci/images/postgres)
#   docker.io/library/mariadb:10.11   Debian's mariadb-server 10.11 (.ci/images/mariadb)
#
# The tags are the versions bookworm ships; the base is shared with schemagate's image, so CI debootstraps
# once. An image that exists is left alone (delete it to rebuild). Needs root (debootstrap) and podman.
set -euo pipefail
cd "$(dirname "$0")"
PATH=$PATH:/usr/sbin:/sbin

base=${SCHEMAGATE_BASE_IMAGE:-localhost/schemagate-base:bookworm}
podman=(podman --runtime "${PODMAN_RUNTIME:-runc}")

bash ../image/build-base.sh "$base"

build() { # TAG DIR BUILD-ARG…
  local tag=$1 dir=$2; shift 2
  if "${podman[@]}" image exists "$tag"; then
    echo "images.sh: $tag exists" >&2
    return
  fi
  local started=$SECONDS log
  log=$(mktemp)
  local args=(--network host --build-arg "BASE=$base")
  for arg in "$@"; do args+=(--build-arg "$arg"); done
  if ! "${podman[@]}" build "${args[@]}" --tag "$tag" "$dir" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    echo "images.sh: building $tag failed (log above)" >&2
    exit 1
  fi
  rm -f "$log"
  echo "images.sh: built $tag in $((SECONDS - started)) s" >&2
}

build docker.io/library/postgres:15 images/postgres MAJOR=15
build docker.io/library/mariadb:10.11 images/mariadb VERSION=10.11
