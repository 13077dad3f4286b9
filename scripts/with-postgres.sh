#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: started in a temporary folder,
# on a free local port, removed afterwards whatever the command's outcome.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/homeward-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U homeward >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgres://homeward@127.0.0.1:$port/homeward"
"${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U homeward homeward
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
"$@"
