#!/bin/bash
# First start: system tables, then on a server without networking the root password (root@localhost and
# root@'%'), the database and the user; then the server in the foreground.
set -euo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- mariadbd "$@"
fi
if [ "$1" != mariadbd ] && [ "$1" != mysqld ]; then
  exec "$@"
fi
shift

# MARIADB_X, else MYSQL_X (the official image's aliases).
setting() {
  local mariadb="MARIADB_$1" mysql="MYSQL_$2"
  printf '%s' "${!mariadb:-${!mysql:-}}"
}
sql_string() { # a single-quoted SQL string literal
  local text=${1//\\/\\\\}
  printf "'%s'" "${text//\'/\'\'}"
}
sql_name() { # a backquoted identifier
  printf '`%s`' "${1//\`/\`\`}"
}

if [ ! -d /var/lib/mysql/mysql ]; then
  root_password=$(setting ROOT_PASSWORD ROOT_PASSWORD)
  allow_empty=$(setting ALLOW_EMPTY_ROOT_PASSWORD ALLOW_EMPTY_PASSWORD)
  database=$(setting DATABASE DATABASE)
  user=$(setting USER USER)
  password=$(setting PASSWORD PASSWORD)
  if [ -z "$root_password" ] && [ -z "$allow_empty" ]; then
    echo "entrypoint: set MARIADB_ROOT_PASSWORD (or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD), as with the official image" >&2
    exit 1
  fi
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db --auth-root-authentication-method=normal \
    --skip-name-resolve >/dev/null

  mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  init_pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --socket=/run/mysqld/init.sock --user=root ping >/dev/null 2>&1 && break
    sleep 1
  done
  {
    echo "SET sql_log_bin = 0;"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY $(sql_string "$root_password");"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $(sql_string "$root_password");"
    if [ -n "$database" ]; then
      echo "CREATE DATABASE IF NOT EXISTS $(sql_name "$database");"
    fi
    if [ -n "$user" ] && [ "$user" != root ]; then
      echo "CREATE USER $(sql_string "$user")@'%' IDENTIFIED BY $(sql_string "$password");"
      if [ -n "$database" ]; then
        echo "GRANT ALL ON $(sql_name "$database").* TO $(sql_string "$user")@'%';"
      fi
    fi
  } | mariadb --socket=/run/mysqld/init.sock --user=root
  kill "$init_pid"
  wait "$init_pid"
  echo "entrypoint: initialised; starting the server"
fi

exec mariadbd --user=mysql "$@"
