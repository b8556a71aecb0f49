#!/bin/bash
# First start: initdb with POSTGRES_USER (default postgres) and POSTGRES_PASSWORD, password logins from anywhere,
# POSTGRES_DB (default: the user's name) made on a socket-only server; then the server in the foreground.
set -euo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi
shift

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "entrypoint: POSTGRES_PASSWORD is not set (it is required, as with the official image)" >&2
    exit 1
  fi
  password_file=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" >"$password_file"
  initdb --pgdata="$PGDATA" --username="$user" --pwfile="$password_file" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256
  rm -f "$password_file"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

  # The init server listens on the socket only, so no client logs in before the database exists.
  pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait start
  if [ "$database" != postgres ]; then
    quoted=${database//\"/\"\"}
    psql --no-psqlrc --set=ON_ERROR_STOP=1 --username="$user" --dbname=postgres --command="CREATE DATABASE \"$quoted\""
  fi
  pg_ctl --pgdata="$PGDATA" --mode=fast --wait stop
fi

exec postgres -D "$PGDATA" "$@"
