#!/usr/bin/env bash
# Benchmark: `migrate hash` and `migrate validate` on the largest real migration directory we have
# (Ory Kratos, 3,483 files, from ../shared/corpora) or on any directory given as $1.
#
#   bench/directory.sh [DIR] [RUNS]
#
# Prints wall time and peak resident memory per run. Goals (2 cores, warm disk): validate < 3 s and < 300 MB
# for 3,500 files; hash < 2 s.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source_dir=${1:-$root/../shared/corpora/kratos/persistence/sql/migrations/sql}
runs=${2:-5}
[ -d "$source_dir" ] || { echo "bench: $source_dir not found (pass a migration directory)" >&2; exit 2; }

"$root/bin/schemagate" --version >/dev/null   # builds the jar if needed, outside the timings
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$source_dir" "$work/dir"
files=$(find "$work/dir" -maxdepth 1 -name '*.sql' | wc -l)
echo "directory: $source_dir ($files .sql files), $runs runs each"

measure() { # LABEL ARGS...
  local label=$1; shift
  for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" java -jar "$root/cli/target/schemagate.jar" "$@" >/dev/null 2>&1 || true
    read -r seconds kb < <(tail -n 1 "$work/time")
    printf '%-10s run %d: %6.2f s  %6d MB peak RSS\n' "$label" "$i" "$seconds" "$((kb / 1024))"
  done
}

measure hash migrate hash --dir "$work/dir"
measure validate migrate validate --dir "$work/dir"
