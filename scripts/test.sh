#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian 12 machine, then runs the whole suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-test-deps.sh
mvn -B -ntp verify "$@"
# The Debian package, its unit and its packaged daemon (issue 23), on the jars verify just built.
SKIP_BUILD=1 scripts/check-deb.sh
