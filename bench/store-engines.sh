#!/usr/bin/env bash
# Issue 21: the repository tests' wall time on SQLite vs PostgreSQL. Runs the same tests on both
# engines (RepositoriesTest and its subclass PostgresRepositoriesTest; MigrationsTest and
# PostgresMigrationsTest) ROUNDS times in one Maven run each, then sums surefire's per-test times
# per class from the XML reports. The PostgreSQL cluster's start (initdb + pg_ctl, once per JVM) is
# printed by the tests and is NOT in the per-test sums (it runs in the first test's setup, which
# surefire counts: the first round is reported apart for that reason).
# Needs: Debian postgresql (scripts/install-test-deps.sh). Usage: bench/store-engines.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
echo "load before: $(uptime)"
for r in $(seq 1 "$rounds"); do
  nice -n 5 mvn -B -ntp -q -pl station -am test -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='RepositoriesTest,PostgresRepositoriesTest,MigrationsTest,PostgresMigrationsTest' 2>&1 \
    | grep -E "PostgreSQL test cluster" || true
  for cls in RepositoriesTest PostgresRepositoriesTest MigrationsTest PostgresMigrationsTest; do
    f="station/target/surefire-reports/TEST-emu.station.store.$cls.xml"
    awk -v cls="$cls" -v round="$r" '
      /<testcase / { n++; match($0, /time="[0-9.]+"/); t = substr($0, RSTART + 6, RLENGTH - 7) + 0; sum += t;
                     if (n == 1) first = t }
      END { printf "round %s %-26s %2d tests  %6.2f s (first test %5.2f s, the rest %6.2f s)\n", round, cls, n, sum, first, sum - first }' "$f"
  done
done
echo "load after: $(uptime)"
