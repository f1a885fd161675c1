#!/usr/bin/env bash
# After lint and typecheck, the tests in two lanes side by side: the node suites (unit, then the
# data service on PGlite and on PostgreSQL) beside the build and the real-browser suite. (The
# checks stay before both: run beside the build they slowed the browser lane more than they saved.) The
# browser suite waits on its pages' clocks and on one shared Chromium more than it computes, so
# the node suites fit in beside it on a two-core machine instead of after it (about a minute and a
# half of CI). Each lane's output goes to a file, printed whole when the lane ends: never mixed.
set -uo pipefail
cd "$(dirname "$0")/.."
# The browser is installed (when it must be) before the lanes start: the node lane may install
# PostgreSQL, and two package installs at once would fight over dpkg's lock.
bash scripts/ensure-browser.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
(npm run --silent test:unit && npm run --silent test:server) >"$logs/node" 2>&1 &
node_lane=$!
(npm run --silent build && npm run --silent test:e2e) >"$logs/browser" 2>&1 &
browser_lane=$!
wait "$node_lane"
node_status=$?
cat "$logs/node"
wait "$browser_lane"
browser_status=$?
cat "$logs/browser"
echo "unit and data service suites: exit $node_status; build and browser suite: exit $browser_status"
[ "$node_status" -eq 0 ] && [ "$browser_status" -eq 0 ]
