#!/usr/bin/env bash
# Builds the GitHub Action's container image (github-action/Dockerfile) from the current
# cli/target/schemagate.jar (mvn -B -ntp -q package -pl cli -am -Dmaven.test.skip=true makes it). Usage:
#
#   github-action/image/build.sh [TAG]                         # default localhost/schemagate-action:dev
#   CONTAINER_ENGINE=docker github-action/image/build.sh TAG   # a publisher's Docker host
#
# The base image is SCHEMAGATE_BASE_IMAGE: with podman (the default engine) localhost/schemagate-base:bookworm,
# made by build-base.sh when missing; with docker debian:bookworm-slim. PODMAN_RUNTIME (default runc) is podman's
# --runtime, empty for podman's own default. SCHEMAGATE_JAR builds from another jar. The build context is a temp
# directory holding only the Dockerfile, the entrypoint script, the launcher (bin/schemagate) and the jar.
set -euo pipefail

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)
engine=${CONTAINER_ENGINE:-podman}
tag=${1:-localhost/schemagate-action:dev}
jar=${SCHEMAGATE_JAR:-$root/cli/target/schemagate.jar}

fail() { echo "build.sh: $*" >&2; exit 1; }

if ! command -v "$engine" >/dev/null 2>&1; then
  case "$engine" in
    podman) fail "podman is not installed (apt-get install podman runc; or CONTAINER_ENGINE=docker)" ;;
    *) fail "$engine (CONTAINER_ENGINE) is not installed" ;;
  esac
fi
[ -f "$jar" ] || fail "$jar is missing; build it first: mvn -B -ntp -q package -pl cli -am -Dmaven.test.skip=true"

engine_cmd=("$engine")
build_options=()
case "$engine" in
  podman)
    if [ -n "${PODMAN_RUNTIME-runc}" ]; then
      engine_cmd+=(--runtime "${PODMAN_RUNTIME-runc}")
    fi
    base=${SCHEMAGATE_BASE_IMAGE:-localhost/schemagate-base:bookworm}
    build_options+=(--network host)
    if [ "$base" = localhost/schemagate-base:bookworm ]; then
      "$here/build-base.sh" "$base"
    fi
    ;;
  *)
    base=${SCHEMAGATE_BASE_IMAGE:-debian:bookworm-slim}
    ;;
esac

context=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-action.XXXXXX")
log=$context.log
trap 'rm -rf "$context" "$log"' EXIT
cp "$here/../Dockerfile" "$context/Dockerfile"
mkdir -p "$context/cli/target"
cp "$jar" "$context/cli/target/schemagate.jar"
mkdir -p "$context/github-action/image" "$context/bin"
cp "$here/entrypoint.sh" "$context/github-action/image/entrypoint.sh"
cp "$root/bin/schemagate" "$context/bin/schemagate"

# Extra options, split on spaces: BUILD_OPTIONS='--pull --no-cache' for a release (fresh base and packages).
read -r -a extra <<<"${BUILD_OPTIONS:-}"
previous=$("${engine_cmd[@]}" image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
if ! "${engine_cmd[@]}" build "${build_options[@]}" "${extra[@]}" --build-arg "BASE=$base" -t "$tag" \
    -f "$context/Dockerfile" "$context" >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  fail "$engine build of $tag failed (last lines of its output above)"
fi
# Each new jar makes a new image: drop the one this tag named before, so rebuilds do not pile up (kept if in use).
current=$("${engine_cmd[@]}" image inspect --format '{{.Id}}' "$tag")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
  "${engine_cmd[@]}" rmi "$previous" >/dev/null 2>&1 || true
fi
echo "build.sh: built $tag from $base" >&2
