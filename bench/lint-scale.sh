#!/usr/bin/env bash
# Benchmark: `migrate lint` on generated directories of 10, 100 and 1000 files (5 statements each) plus 10 new
# files, against the local PostgreSQL service, next to the time psql takes to replay the same files.
#
#   bench/lint-scale.sh [SIZES...]        default: 10 100 1000
#
# Goal: lint within 1.5 x the psql replay + 3 s, peak memory under 512 MB at 1000 files.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and psql.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("${@:-10 100 1000}")
read -r -a sizes <<< "${sizes[*]}"
pg="-h 127.0.0.1 -p 5432 -U postgres"
"$root/bin/schemagate" --version >/dev/null   # builds the jar if needed, outside the timings
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() { # DIR COUNT
  local dir=$1 count=$2
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do
    printf -v name '%s/%08d_step.sql' "$dir" "$i"
    cat > "$name" <<SQL
CREATE TABLE t$i (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());
ALTER TABLE t$i ADD COLUMN note text;
CREATE INDEX t${i}_name ON t$i (name);
INSERT INTO t$i (id, name) VALUES (1, 'row');
COMMENT ON TABLE t$i IS 'generated table $i';
SQL
  done
}

printf '%-6s %12s %12s %14s %10s\n' files psql_s lint_s goal_s peak_MB
for size in "${sizes[@]}"; do
  dir="$work/d$size"
  generate "$dir" $((size + 10))
  java -jar "$root/cli/target/schemagate.jar" migrate hash --dir "$dir" >/dev/null

  db="sg_bench_$$_$size"
  psql $pg -q -c "CREATE DATABASE $db" >/dev/null
  {
    echo '\set ON_ERROR_STOP 1'
    for f in "$dir"/*.sql; do echo "BEGIN;"; echo "\\i $f"; echo "COMMIT;"; done
  } > "$work/replay.psql"
  start=$(date +%s.%N)
  psql $pg -q -d "$db" -f "$work/replay.psql" >/dev/null
  psql_s=$(echo "$(date +%s.%N) - $start" | bc)
  psql $pg -q -c "DROP DATABASE $db" >/dev/null

  /usr/bin/time -f "%e %M" -o "$work/time" java -jar "$root/cli/target/schemagate.jar" migrate lint --dir "$dir" \
    --latest 10 --dev-url "postgres://postgres@127.0.0.1:5432/postgres" --format json > "$work/lint.json" || true
  read -r lint_s kb < <(tail -n 1 "$work/time")
  goal=$(echo "$psql_s * 1.5 + 3" | bc)
  printf '%-6s %12.2f %12.2f %14.2f %10d\n' "$size+10" "$psql_s" "$lint_s" "$goal" "$((kb / 1024))"
done
