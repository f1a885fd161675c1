#!/usr/bin/env bash
# Lint and typecheck side by side: each is one process on one core, and the machines have two.
# Both always run to the end, so one run names every problem; either failing fails the whole.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent lint &
lint=$!
npm run --silent typecheck &
types=$!
wait "$lint"
lint_status=$?
wait "$types"
types_status=$?
[ "$lint_status" -eq 0 ] && [ "$types_status" -eq 0 ]
