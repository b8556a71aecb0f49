#!/usr/bin/env bash
# Benchmark: start-up. `schemagate --version` and `migrate lint` of one small file (on an in-memory SQLite and on
# the embedded default, PostgreSQL 16), each run with the JVM's default flags (`java -jar`) and as bin/schemagate
# runs it (its flags and the class-data sharing archive), interleaved, RUNS times each.
#
#   bench/startup.sh [RUNS]          default 10
#
# Prints per case the median wall time with its range, the median user CPU and the median peak RSS. The embedded
# PostgreSQL's binaries are unpacked into $SCHEMAGATE_CACHE (default: a temporary cache for this run) once, outside
# the timings; its first lint of the benchmark's directory is shown on its own (run 1: nothing of this directory
# cached yet), next to the median of the following runs.
#
# Goal (2 cores, quiet machine): --version < 0.3 s, one-file lint on SQLite < 0.6 s; on the embedded PostgreSQL
# the JVM's share (user CPU) < 1.5 s: the rest is initdb and the server's start.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
[ "$runs" -ge 2 ] || { echo "startup.sh: RUNS must be at least 2" >&2; exit 2; }
jar=$root/cli/target/schemagate.jar
"$root/bin/schemagate" --version >/dev/null   # builds the jar (and its archive) if needed, outside the timings
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SCHEMAGATE_CACHE=${SCHEMAGATE_CACHE:-$work/cache}
archive=${jar%.jar}.jsa
if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  echo "archive: $archive ($(( $(wc -c <"$archive") / 1048576 )) MB)"
else
  echo "archive: none or older than the jar: bin/schemagate runs without one"
fi
nproc >/dev/null 2>&1 && echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

one_file_dir() { # DIR: one migration file and its atlas.sum
  mkdir -p "$1"
  cat >"$1/20260101000000_create_users.sql" <<'SQL'
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text);
CREATE INDEX users_email ON users (email);
SQL
  java -jar "$jar" migrate hash --dir "$1" >/dev/null
}

# The launchers compared: the JVM's defaults, and bin/schemagate as it runs.
configs=(default launcher)
label_default="java -jar (JVM defaults)"
label_launcher="bin/schemagate (flags + archive)"

measure() { # FILE CONFIG ARGS...: one run of schemagate ARGS, appends "wall user rss_kb" to FILE
  local file=$1 config=$2; shift 2
  local command=("$root/bin/schemagate")
  [ "$config" = default ] && command=(java -jar "$jar")
  /usr/bin/time -f "%e %U %M" -o "$work/time" "${command[@]}" "$@" >/dev/null 2>"$work/err" || true
  if grep -q . "$work/err"; then
    echo "startup.sh: stderr of $config $*:" >&2
    head -n 5 "$work/err" >&2
  fi
  tail -n 1 "$work/time" >>"$file"
}

summary() { # LABEL FILE: median wall (range), median user, median peak RSS
  local label=$1 file=$2
  awk -v label="$label" '
    { wall[NR] = $1; user[NR] = $2; rss[NR] = $3 }
    function median(a, n,   i, j, t, b) {
      for (i = 1; i <= n; i++) b[i] = a[i]
      for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
      return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
    }
    function lo(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
    function hi(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]; return m }
    END {
      printf "  %-36s %6.2f s (%.2f-%.2f)  user %5.2f s  %4d MB\n", label, median(wall, NR), lo(wall, NR),
        hi(wall, NR), median(user, NR), median(rss, NR) / 1024
    }' "$file"
}

one_file_dir "$work/one"
sqlite=(migrate lint --dir "$work/one" --latest 1 --dev-url "sqlite://bench?mode=memory")
# The warm-up lints a directory of its own (another table): it unpacks the binaries and leaves nothing that the
# timed directories could reuse.
mkdir -p "$work/warmup"
echo "CREATE TABLE warmup (id int);" >"$work/warmup/20250101000000_warmup.sql"
java -jar "$jar" migrate hash --dir "$work/warmup" >/dev/null
embedded_warmup=(migrate lint --dir "$work/warmup" --latest 1 --dev-url embedded://postgres/16)
echo "warming the embedded PostgreSQL's binaries in $SCHEMAGATE_CACHE (not timed)..."
"$root/bin/schemagate" "${embedded_warmup[@]}" >/dev/null 2>&1 || true
for c in "${configs[@]}"; do
  one_file_dir "$work/embedded-$c"   # a directory of its own per launcher: run 1 is its first lint
done

mkdir -p "$work/times"
for r in $(seq 1 "$runs"); do
  for c in "${configs[@]}"; do
    measure "$work/times/version-$c" "$c" --version
    measure "$work/times/sqlite-$c" "$c" "${sqlite[@]}"
    if [ "$r" = 1 ]; then out="$work/times/embedded1-$c"; else out="$work/times/embedded-$c"; fi
    measure "$out" "$c" migrate lint --dir "$work/embedded-$c" --latest 1 --dev-url embedded://postgres/16
  done
done

echo "$runs runs each, interleaved: median wall (range), median user CPU, median peak RSS"
echo "schemagate --version"
for c in "${configs[@]}"; do v="label_$c"; summary "${!v}" "$work/times/version-$c"; done
echo "migrate lint, 1 file, in-memory SQLite"
for c in "${configs[@]}"; do v="label_$c"; summary "${!v}" "$work/times/sqlite-$c"; done
echo "migrate lint, 1 file, embedded://postgres/16 (binaries unpacked): run 1"
for c in "${configs[@]}"; do v="label_$c"; summary "${!v}" "$work/times/embedded1-$c"; done
echo "migrate lint, 1 file, embedded://postgres/16: runs 2-$runs"
for c in "${configs[@]}"; do v="label_$c"; summary "${!v}" "$work/times/embedded-$c"; done
