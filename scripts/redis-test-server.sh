#!/usr/bin/env bash
# A private Redis for tests, CI and trying a cluster by hand: its own port and data directory,
# AOF on with an fsync per write (nothing acknowledged is lost), no eviction, no RDB snapshots.
#
#   scripts/redis-test-server.sh start [port]   # prints REDIS_PORT=… REDIS_DIR=…; redis-server runs in the background
#   scripts/redis-test-server.sh stop <dir>     # stops the server started with that data directory and deletes it
#
# Installs Debian's redis-server when /usr/bin/redis-server is missing (CI and fresh machines run as root).
set -euo pipefail

install_redis() {
  [ -x /usr/bin/redis-server ] && return
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
  start)
    install_redis
    port="${2:-$(free_port)}"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/cc-redis.XXXXXX")"
    /usr/bin/redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" \
      --appendonly yes --appendfsync always --maxmemory-policy noeviction --save "" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -p "$port" ping >/dev/null
    echo "REDIS_PORT=$port"
    echo "REDIS_DIR=$dir"
    ;;
  stop)
    dir="${2:?usage: $0 stop <dir>}"
    if [ -f "$dir/redis.pid" ]; then
      pid="$(cat "$dir/redis.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [port] | stop <dir>" >&2
    exit 2
    ;;
esac
