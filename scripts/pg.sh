#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests and benchmarks (Debian's
# postgresql package; scripts/setup.sh installs it).
#   scripts/pg.sh start DIR   creates and starts a cluster in DIR (a new, empty directory) and
#                             prints its URL: postgres://mw@127.0.0.1:PORT/postgres
#   scripts/pg.sh createdb URL NAME
#                             creates the database NAME on the cluster at URL; prints its URL
#   scripts/pg.sh stop DIR    stops it and deletes DIR
# PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user.
set -euo pipefail
cmd="${1:?start, createdb or stop}"; dir="${2:?directory or URL}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U mw -E UTF8 --no-sync >/dev/null
    # Durable commits (fsync on) as in production; no Unix socket outside DIR.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=300" start >/dev/null
    echo "postgres://mw@127.0.0.1:$port/postgres"
    ;;
  createdb)
    name="${3:?database name}"
    hostport="${dir#postgres://mw@}"; hostport="${hostport%%/*}"
    "$bin/createdb" -h "${hostport%:*}" -p "${hostport##*:}" -U mw "$name"
    echo "postgres://mw@$hostport/$name"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR | createdb URL NAME | stop DIR" >&2; exit 2 ;;
esac
