#!/usr/bin/env bash
# After lint and typecheck, the tests in three lanes side by side. The suites wait on page clocks,
# on Chromium and on databases more than they compute: one after another they leave about half
# of the two cores idle, so three lanes finish sooner than two (the checks stay before them all:
# run beside the build they slowed the browser lane more than they saved).
#   node:     the unit tests, then the data service's suite on PGlite;
#   browser:  the build, then the browser suite but for the files below, then alive.test alone;
#   second:   the data service's suite on a PostgreSQL server, then, once the build is there, the
#             browser files that mostly wait or run a Chromium of their own (a week of polls on a
#             page clock, 120 polls, every fault's words, the snapshot command, the import page),
#             with a Chromium of their own.
# Each lane's output goes to a file, printed whole when the lane ends: never mixed.
# `npm test` runs this; `npm run test:e2e` alone still runs every browser file.
set -uo pipefail
cd "$(dirname "$0")/.."
# The browser is installed (when it must be) before the lanes start: the second lane may install
# PostgreSQL, and two package installs at once would fight over dpkg's lock.
bash scripts/ensure-browser.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
SECOND=(test/e2e/week.test.ts test/e2e/steady.test.ts test/e2e/words.test.ts test/e2e/snapshot-pixels.test.ts test/e2e/imports-page.test.ts)
excluded=()
for f in "${SECOND[@]}" test/e2e/alive.test.ts; do excluded+=(--exclude "$f"); done

# Waits for the build's outcome: true when it built.
built() {
  while [ ! -f "$logs/built" ]; do sleep 2; done
  [ "$(cat "$logs/built")" = ok ]
}

(npm run --silent test:unit && bash scripts/test-server.sh pglite) >"$logs/node" 2>&1 &
node_lane=$!
(
  if npm run --silent build; then echo ok >"$logs/built"; else echo failed >"$logs/built"; exit 1; fi
  npx vitest run --project e2e "${excluded[@]}" && npx vitest run --project e2e test/e2e/alive.test.ts
) >"$logs/browser" 2>&1 &
browser_lane=$!
(bash scripts/test-server.sh postgres && built && npx vitest run --project e2e "${SECOND[@]}") >"$logs/second" 2>&1 &
second_lane=$!
wait "$node_lane"
node_status=$?
cat "$logs/node"
wait "$second_lane"
second_status=$?
cat "$logs/second"
wait "$browser_lane"
browser_status=$?
cat "$logs/browser"
echo "unit and data service (PGlite): exit $node_status; PostgreSQL and waiting browser files: exit $second_status; build and browser suite: exit $browser_status"
[ "$node_status" -eq 0 ] && [ "$second_status" -eq 0 ] && [ "$browser_status" -eq 0 ]
