#!/usr/bin/env bash
# Benchmark: `migrate lint` on generated directories of 10, 100 and 1000 files (5 statements each) plus 10 new
# files, next to the time the database's own client takes to replay the same files.
#
#   bench/lint-scale.sh [--dialect postgres|mariadb|sqlite] [SIZES...]     default: postgres, 10 100 1000
#
#   postgres  the local PostgreSQL service (127.0.0.1:5432, user postgres, trust auth); baseline psql
#   mariadb   the local MariaDB service (127.0.0.1:3306, root, no password); baseline the mariadb client
#   sqlite    an in-memory SQLite dev database; baseline the sqlite3 CLI on a file
#
# Goal: lint within 1.5 x the client's replay + 3 s, peak memory under 512 MB at 1000 files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dialect=postgres
if [ "${1:-}" = "--dialect" ]; then
  dialect=$2
  shift 2
fi
case "$dialect" in postgres|mariadb|sqlite) ;; *) echo "lint-scale.sh: unknown dialect $dialect" >&2; exit 2 ;; esac
sizes=("${@:-10 100 1000}")
read -r -a sizes <<< "${sizes[*]}"
pg="-h 127.0.0.1 -p 5432 -U postgres"
maria="--protocol=tcp -h 127.0.0.1 -P 3306 -u root"
"$root/bin/schemagate" --version >/dev/null   # builds the jar if needed, outside the timings
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

statements() { # I: the five statements of file I, in the dialect's SQL
  local i=$1
  case "$dialect" in
    postgres) cat <<SQL
CREATE TABLE t$i (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());
ALTER TABLE t$i ADD COLUMN note text;
CREATE INDEX t${i}_name ON t$i (name);
INSERT INTO t$i (id, name) VALUES (1, 'row');
COMMENT ON TABLE t$i IS 'generated table $i';
SQL
    ;;
    mariadb) cat <<SQL
CREATE TABLE t$i (id bigint PRIMARY KEY, name varchar(100) NOT NULL, created_at timestamp DEFAULT CURRENT_TIMESTAMP);
ALTER TABLE t$i ADD COLUMN note text;
CREATE INDEX t${i}_name ON t$i (name);
INSERT INTO t$i (id, name) VALUES (1, 'row');
ALTER TABLE t$i COMMENT = 'generated table $i';
SQL
    ;;
    sqlite) cat <<SQL
CREATE TABLE t$i (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
ALTER TABLE t$i ADD COLUMN note TEXT;
CREATE INDEX t${i}_name ON t$i (name);
INSERT INTO t$i (id, name) VALUES (1, 'row');
CREATE VIEW v$i AS SELECT id, name FROM t$i;
SQL
    ;;
  esac
}

generate() { # DIR COUNT
  local dir=$1 count=$2
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do
    printf -v name '%s/%08d_step.sql' "$dir" "$i"
    statements "$i" > "$name"
  done
}

replay() { # DIR SIZE: the client's own replay, one transaction (or file) at a time
  local dir=$1 size=$2 db="sg_bench_$$_$2"
  case "$dialect" in
    postgres)
      psql $pg -q -c "CREATE DATABASE $db" >/dev/null
      { echo '\set ON_ERROR_STOP 1'; for f in "$dir"/*.sql; do echo "BEGIN;"; echo "\\i $f"; echo "COMMIT;"; done; } > "$work/replay.psql"
      psql $pg -q -d "$db" -f "$work/replay.psql" >/dev/null
      psql $pg -q -c "DROP DATABASE $db" >/dev/null ;;
    mariadb)
      mariadb $maria -e "CREATE DATABASE $db"
      cat "$dir"/*.sql | mariadb $maria "$db"
      mariadb $maria -e "DROP DATABASE $db" ;;
    sqlite)
      { for f in "$dir"/*.sql; do echo "BEGIN;"; cat "$f"; echo "COMMIT;"; done; } | sqlite3 -bail "$work/$db.db"
      rm -f "$work/$db.db" ;;
  esac
}

dev_url() {
  case "$dialect" in
    postgres) echo "postgres://postgres@127.0.0.1:5432/postgres" ;;
    mariadb) echo "mysql://root@127.0.0.1:3306/" ;;
    sqlite) echo "sqlite://bench?mode=memory" ;;
  esac
}

echo "dialect: $dialect"
printf '%-6s %12s %12s %14s %10s\n' files client_s lint_s goal_s peak_MB
for size in "${sizes[@]}"; do
  dir="$work/d$size"
  generate "$dir" $((size + 10))
  java -jar "$root/cli/target/schemagate.jar" migrate hash --dir "$dir" >/dev/null

  start=$(date +%s.%N)
  replay "$dir" "$size"
  client_s=$(echo "$(date +%s.%N) - $start" | bc)

  /usr/bin/time -f "%e %M" -o "$work/time" java -jar "$root/cli/target/schemagate.jar" migrate lint --dir "$dir" \
    --latest 10 --dev-url "$(dev_url)" --format json > "$work/lint.json" || true
  read -r lint_s kb < <(tail -n 1 "$work/time")
  goal=$(echo "$client_s * 1.5 + 3" | bc)
  printf '%-6s %12.2f %12.2f %14.2f %10d\n' "$size+10" "$client_s" "$lint_s" "$goal" "$((kb / 1024))"
done
