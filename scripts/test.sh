#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian 12 machine, then runs the whole suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-test-deps.sh
mvn -B -ntp verify "$@"
# Bounded coverage-guided fuzzing of every outside-input parser (issue 16): verify above replays
# each fuzzer's seeds and kept crashes; this fuzzes each target for EMU_FUZZ_SECONDS (default 5).
bench/fuzz.sh "${EMU_FUZZ_SECONDS:-5}"
# The Debian package, its unit and its packaged daemon (issue 23), on the jars verify just built.
SKIP_BUILD=1 scripts/check-deb.sh
