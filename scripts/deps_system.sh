#!/bin/sh
# Install the Debian packages named, those that are missing (`make deps-system`).
#   tzdata    Duckling (Spanish dates) reads the system's time zones
#   chromium  the browser tests (Playwright cannot download its own browser here)
#   postgresql  the transcript tests on PostgreSQL (tests/postgres_support.py starts
#               a throwaway server with its initdb and pg_ctl; `make run-scaled` too)
#   redis-server  Rasa's Redis lock store in the scaled profile (`make run-scaled`, `make test-scaled`)
#   haproxy   the balancer in front of the Rasa servers in the scaled profile
set -eu
missing=""
for package in "$@"; do
  case "$package" in
    tzdata) test -d /usr/share/zoneinfo || missing="$missing tzdata" ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing="$missing chromium" ;;
    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql" ;;
    redis-server) command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server" ;;
    haproxy) command -v haproxy >/dev/null 2>&1 || missing="$missing haproxy" ;;
    *) dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "installing Debian packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
