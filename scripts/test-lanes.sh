#!/usr/bin/env bash
# After lint and typecheck, the tests in two lanes side by side: the node suites (unit, then the
# data service on PGlite and on PostgreSQL, then four long browser files) beside the build and
# the rest of the real-browser suite. (The checks stay before both: run beside the build they
# slowed the browser lane more than they saved.) The browser suite waits on its pages' clocks and
# on one shared Chromium more than it computes, so the node suites fit in beside it on a two-core
# machine instead of after it; and the node lane takes the four browser files that mostly wait (a
# week of polls on a page clock, eighty polls, every fault's words, walls beating every 5 s to
# the data service) with a Chromium of its own, once the build is there. Each lane's output goes to a file, printed
# whole when the lane ends: never mixed. `npm run test:e2e` alone still runs every browser file.
set -uo pipefail
cd "$(dirname "$0")/.."
# The browser is installed (when it must be) before the lanes start: the node lane may install
# PostgreSQL, and two package installs at once would fight over dpkg's lock.
bash scripts/ensure-browser.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
LONG_WAITS=(test/e2e/week.test.ts test/e2e/steady.test.ts test/e2e/words.test.ts test/e2e/walls.test.ts)
excluded=()
for f in "${LONG_WAITS[@]}" test/e2e/alive.test.ts; do excluded+=(--exclude "$f"); done

# The build's outcome, for the node lane's browser files: "ok" or "failed".
built() {
  while [ ! -f "$logs/built" ]; do sleep 2; done
  [ "$(cat "$logs/built")" = ok ]
}

(npm run --silent test:unit && bash scripts/test-server.sh && built && npx vitest run --project e2e "${LONG_WAITS[@]}") >"$logs/node" 2>&1 &
node_lane=$!
(
  if npm run --silent build; then echo ok >"$logs/built"; else echo failed >"$logs/built"; exit 1; fi
  npx vitest run --project e2e "${excluded[@]}" && npx vitest run --project e2e test/e2e/alive.test.ts
) >"$logs/browser" 2>&1 &
browser_lane=$!
wait "$node_lane"
node_status=$?
cat "$logs/node"
wait "$browser_lane"
browser_status=$?
cat "$logs/browser"
echo "unit, data service and long browser suites: exit $node_status; build and browser suite: exit $browser_status"
[ "$node_status" -eq 0 ] && [ "$browser_status" -eq 0 ]
