#!/usr/bin/env bash
# Benchmark: `migrate lint` on generated directories of 10, 100, 1000 and 10,000 files (5 statements each) plus 10
# new files, next to the time the database's own client takes to replay the same files.
#
#   bench/lint-scale.sh [--embedded] [--dialect postgres|mariadb|sqlite] [SIZES...]   default: postgres, 10 100 1000 10000
#
#   postgres  the local PostgreSQL service (127.0.0.1:5432, user postgres, trust auth); baseline psql
#             (--embedded: lint on embedded://postgres, its cache under a temp SCHEMAGATE_CACHE; baseline psql still)
#   mariadb   the local MariaDB service (127.0.0.1:3306, root, no password); baseline the mariadb client
#   sqlite    an in-memory SQLite dev database; baseline the sqlite3 CLI on a file
#
# Each size is linted twice: cold (a base nobody cached: every directory is new) and warm (the same directory again,
# its base from the cache). Columns: the client's replay of all files (client_s) and of the 10 new ones alone
# (new_s), cold and warm lint, their ratio to client_s, peak memory of either run.
# Goals: cold <= 1.2 x client + 2 s; warm <= 2 s + new_s; peak memory < 512 MB at 1000 files, < 1 GB at 10,000.
# The cache entries the runs made are dropped at the end (PostgreSQL).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dialect=postgres
embedded=
if [ "${1:-}" = "--embedded" ]; then   # PostgreSQL: lint on the embedded default instead of the local service
  embedded=1
  shift
fi
if [ "${1:-}" = "--dialect" ]; then
  dialect=$2
  shift 2
fi
case "$dialect" in postgres|mariadb|sqlite) ;; *) echo "lint-scale.sh: unknown dialect $dialect" >&2; exit 2 ;; esac
sizes=("${@:-10 100 1000 10000}")
read -r -a sizes <<< "${sizes[*]}"
pg="-h 127.0.0.1 -p 5432 -U postgres"
maria="--protocol=tcp -h 127.0.0.1 -P 3306 -u root"
"$root/bin/schemagate" --version >/dev/null   # builds the jar if needed, outside the timings
work=$(mktemp -d)
export SCHEMAGATE_CACHE=$work/cache   # the embedded binaries and snapshots of these runs only
entries() { psql $pg -At -c "SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_base\\_%'" 2>/dev/null | sort; }
[ "$dialect" = postgres ] && entries > "$work/entries.before"
cleanup() {
  if [ "$dialect" = postgres ]; then
    entries | comm -13 "$work/entries.before" - | while read -r entry; do
      psql $pg -q -c "ALTER DATABASE \"$entry\" WITH IS_TEMPLATE false" -c "DROP DATABASE \"$entry\"" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

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

generate() { # DIR COUNT: file 1 carries a tag unique to this run, so no earlier run's cached base matches
  local dir=$1 count=$2
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do
    printf -v name '%s/%08d_step.sql' "$dir" "$i"
    statements "$i" > "$name"
  done
  echo "-- bench run $$ $(date +%s%N)" >> "$dir/00000001_step.sql"
}

replay() { # DIR SIZE: the client's own replay, one transaction (or file) at a time; prints "all_s new_s"
  # Named like a scratch database: a lint running on the same server (another job) leaves those alone.
  local dir=$1 size=$2 db start mid end
  printf -v db 'sg_dev_bench%05d' $(( ($$ + size) % 100000 ))
  local files=("$dir"/*.sql)
  local base=("${files[@]:0:$size}") new=("${files[@]:$size}")
  start=$(date +%s.%N)
  case "$dialect" in
    postgres)
      psql $pg -q -c "CREATE DATABASE $db" >/dev/null
      script() { echo '\set ON_ERROR_STOP 1'; for f in "$@"; do echo "BEGIN;"; echo "\\i $f"; echo "COMMIT;"; done; }
      script "${base[@]}" > "$work/base.psql"
      script "${new[@]}" > "$work/new.psql"
      psql $pg -q -d "$db" -f "$work/base.psql" >/dev/null
      mid=$(date +%s.%N)
      psql $pg -q -d "$db" -f "$work/new.psql" >/dev/null
      end=$(date +%s.%N)
      psql $pg -q -c "DROP DATABASE $db" >/dev/null ;;
    mariadb)
      mariadb $maria -e "CREATE DATABASE $db"
      cat "${base[@]}" | mariadb $maria "$db"
      mid=$(date +%s.%N)
      cat "${new[@]}" | mariadb $maria "$db"
      end=$(date +%s.%N)
      mariadb $maria -e "DROP DATABASE $db" ;;
    sqlite)
      { for f in "${base[@]}"; do echo "BEGIN;"; cat "$f"; echo "COMMIT;"; done; } | sqlite3 -bail "$work/$db.db"
      mid=$(date +%s.%N)
      { for f in "${new[@]}"; do echo "BEGIN;"; cat "$f"; echo "COMMIT;"; done; } | sqlite3 -bail "$work/$db.db"
      end=$(date +%s.%N)
      rm -f "$work/$db.db" ;;
  esac
  echo "$(echo "$end - $start" | bc) $(echo "$end - $mid" | bc)"
}

dev_url() {
  case "$dialect" in
    postgres) if [ -n "$embedded" ]; then echo "embedded://postgres"; else echo "postgres://postgres@127.0.0.1:5432/postgres"; fi ;;
    mariadb) echo "mysql://root@127.0.0.1:3306/" ;;
    sqlite) echo "sqlite://bench?mode=memory" ;;
  esac
}

lint() { # DIR: prints "seconds peak_kb" of one lint of the last 10 files
  /usr/bin/time -f "%e %M" -o "$work/time" "$root/bin/schemagate" migrate lint --dir "$1" \
    --latest 10 --dev-url "$(dev_url)" --format json > "$work/lint.json" || true
  tail -n 1 "$work/time"
}

if [ -n "$embedded" ]; then
  # The PostgreSQL binaries are unpacked once per cache directory, by the first run on a machine: not a cold base.
  generate "$work/warmup" 1
  "$root/bin/schemagate" migrate lint --dir "$work/warmup" --latest 1 --dev-url "$(dev_url)" --no-base-cache \
    >"$work/warmup.out" 2>&1 || true
  compgen -G "$SCHEMAGATE_CACHE/binaries/postgres-*/bin/postgres" >/dev/null \
    || { echo "lint-scale.sh: the embedded PostgreSQL did not unpack:" >&2; cat "$work/warmup.out" >&2; exit 1; }
fi
echo "dialect: $dialect, dev database: $(dev_url)"
printf '%-8s %9s %7s %8s %6s %8s %6s %10s %10s %8s\n' files client_s new_s cold_s ratio warm_s ratio cold_goal warm_goal peak_MB
for size in "${sizes[@]}"; do
  dir="$work/d$size"
  generate "$dir" $((size + 10))
  java -jar "$root/cli/target/schemagate.jar" migrate hash --dir "$dir" >/dev/null
  read -r client_s new_s < <(replay "$dir" "$size")
  read -r cold_s cold_kb < <(lint "$dir")
  read -r warm_s warm_kb < <(lint "$dir")
  peak=$(( (cold_kb > warm_kb ? cold_kb : warm_kb) / 1024 ))
  printf '%-8s %9.2f %7.2f %8.2f %6.2f %8.2f %6.2f %10.2f %10.2f %8d\n' "$size+10" "$client_s" "$new_s" "$cold_s" \
    "$(echo "$cold_s / $client_s" | bc -l)" "$warm_s" "$(echo "$warm_s / $client_s" | bc -l)" \
    "$(echo "$client_s * 1.2 + 2" | bc)" "$(echo "$new_s + 2" | bc)" "$peak"
done
