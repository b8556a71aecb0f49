#!/usr/bin/env bash
# Builds schemagate's container image (image/Dockerfile) from the current cli/target/schemagate.jar
# (mvn -B -ntp -q package -pl cli -am -Dmaven.test.skip=true makes it). Usage:
#
#   image/build.sh [TAG]                         # default localhost/schemagate:dev
#   CONTAINER_ENGINE=docker image/build.sh TAG   # a publisher's Docker host
#
# The base image is SCHEMAGATE_BASE_IMAGE: with podman (the default engine) localhost/schemagate-base:bookworm,
# made by build-base.sh when missing; with docker debian:bookworm-slim. PODMAN_RUNTIME (default runc) is podman's
# --runtime, empty for podman's own default. SCHEMAGATE_JAR builds from another jar. The build context is a temp
# directory holding only the Dockerfile, the two entrypoint scripts, the launcher (bin/schemagate) and the jar.
# Labels: VERSION (default: the root pom's version), REVISION (default: git rev-parse HEAD, else unknown) and, when
# set, CREATED (an RFC 3339 time, org.opencontainers.image.created).
set -euo pipefail

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/.." && pwd)
engine=${CONTAINER_ENGINE:-podman}
tag=${1:-localhost/schemagate:dev}
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

# The project's version is the root pom's own <version> (two spaces in: not a parent's or a dependency's).
version=${VERSION:-$(sed -n 's|^  <version>\(.*\)</version>.*|\1|p' "$root/pom.xml" | head -n 1)}
[ -n "$version" ] || fail "no <version> in $root/pom.xml; set VERSION"
revision=${REVISION:-$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)}
# As build arguments for the Dockerfile's LABEL, and again as --label: podman 4.3 (buildah 1.28) reuses a cached
# LABEL layer whose build argument changed, and would keep the previous revision.
labels=(--build-arg "VERSION=$version" --build-arg "REVISION=$revision"
  --label "org.opencontainers.image.version=$version" --label "org.opencontainers.image.revision=$revision")
if [ -n "${CREATED:-}" ]; then
  labels+=(--label "org.opencontainers.image.created=$CREATED")
fi

context=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-image.XXXXXX")
log=$context.log
trap 'rm -rf "$context" "$log"' EXIT
mkdir -p "$context/cli/target" "$context/image" "$context/bin"
cp "$here/Dockerfile" "$context/image/Dockerfile"
cp "$jar" "$context/cli/target/schemagate.jar"
cp "$here/entrypoint.sh" "$here/action-entrypoint.sh" "$context/image/"
cp "$root/bin/schemagate" "$context/bin/schemagate"

# Extra options, split on spaces: BUILD_OPTIONS='--pull --no-cache' for a release (fresh base and packages).
read -r -a extra <<<"${BUILD_OPTIONS:-}"
previous=$("${engine_cmd[@]}" image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
if ! "${engine_cmd[@]}" build "${build_options[@]}" "${extra[@]}" --build-arg "BASE=$base" "${labels[@]}" \
    -t "$tag" -f "$context/image/Dockerfile" "$context" >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  fail "$engine build of $tag failed (last lines of its output above)"
fi
# Each new jar makes a new image: drop the one this tag named before, so rebuilds do not pile up (kept if in use).
current=$("${engine_cmd[@]}" image inspect --format '{{.Id}}' "$tag")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
  "${engine_cmd[@]}" rmi "$previous" >/dev/null 2>&1 || true
fi
# podman keeps the build stage's result (the JDK, jlink's runtime and the jar: some 880 MB, most of it shared) untagged,
# as the next build's cache; one more per new jar. Keep the newest (the one just used), drop the others.
"${engine_cmd[@]}" images --quiet --no-trunc --filter dangling=true --filter label=io.schemagate.image.stage=runtime \
  | tail -n +2 | while read -r stale; do "${engine_cmd[@]}" rmi "$stale" >/dev/null 2>&1 || true; done
echo "build.sh: built $tag ($version, $revision) from $base" >&2
