#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and prints its URL on stdout, e.g.
#   export MTO_TEST_PG="$(bash scripts/ci-postgres.sh)"
# Temp data directory, port $MTO_PG_PORT or else the first free one from 54329 (a cluster another
# run left behind keeps its port), listening on 127.0.0.1 only with trust auth, fsync off: for
# tests, never for data anyone keeps. initdb refuses to run as root, so as
# root the cluster belongs to the `postgres` user (Debian's postgresql package creates it).
# Stop it with: pg_ctl -D <dir printed on stderr> stop
set -euo pipefail
port="${MTO_PG_PORT:-54329}"
if [ -z "${MTO_PG_PORT:-}" ]; then
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
fi
bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
if [ -z "$bindir" ]; then bindir="$(dirname "$(command -v initdb)")"; fi
if [ ! -x "$bindir/initdb" ]; then echo "ci-postgres: initdb not found (apt-get install postgresql)" >&2; exit 1; fi

dir="$(mktemp -d /tmp/mto-pg.XXXXXX)"
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
"${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
echo "ci-postgres: cluster in $dir/data on 127.0.0.1:$port (stop: ${as[*]} $bindir/pg_ctl -D $dir/data stop)" >&2
echo "postgres://postgres@127.0.0.1:$port/postgres"
