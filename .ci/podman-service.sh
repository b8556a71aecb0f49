#!/usr/bin/env bash
# Starts podman's Docker-compatible API on a Unix socket, unless something already answers there, for the docker://
# dev database tests (Testcontainers). Usage, as root:
#
#   bash .ci/podman-service.sh [SOCKET]          # default /run/schemagate/podman.sock
#   export DOCKER_HOST=unix:///run/schemagate/podman.sock TESTCONTAINERS_RYUK_DISABLED=true
#
# Ryuk (Testcontainers' reaper container) is disabled because its image cannot be pulled without a registry;
# schemagate removes its containers itself, and Testcontainers' JVM hook does too. The service runs until killed
# (--time=0); its log is SOCKET.log. Containers get runc, as in the other podman tests (PODMAN_RUNTIME overrides).
set -euo pipefail

socket=${1:-/run/schemagate/podman.sock}
answers() { curl -sf --max-time 5 --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1; }

# A service that answers but was started in a directory that is gone cannot start containers: replace it.
stale() { pgrep -f "system service --time=0 unix://$socket" | while read -r pid; do
  case "$(readlink "/proc/$pid/cwd")" in *" (deleted)") echo "$pid" ;; esac; done; }
for pid in $(stale); do kill "$pid" 2>/dev/null || true; sleep 1; done
if answers; then
  exit 0
fi
command -v podman >/dev/null || { echo "podman-service.sh: podman is not installed (apt-get install podman runc)" >&2; exit 1; }
mkdir -p "$(dirname "$socket")"
rm -f "$socket"
# From /: the service outlives this checkout, and conmon fails every container ("Failed to get working directory",
# "write child: broken pipe") once the directory it was started in is deleted.
(cd / && setsid nohup podman --runtime "${PODMAN_RUNTIME:-runc}" system service --time=0 "unix://$socket" \
  >"$socket.log" 2>&1 </dev/null &)
for _ in $(seq 1 30); do
  if answers; then
    exit 0
  fi
  sleep 1
done
tail -n 20 "$socket.log" >&2
echo "podman-service.sh: podman's API did not come up at $socket" >&2
exit 1
