#!/usr/bin/env bash
# Issue 21: the repository tests' wall time on SQLite vs PostgreSQL. Runs the same tests on both
# engines (RepositoriesTest and its subclass PostgresRepositoriesTest; MigrationsTest and
# PostgresMigrationsTest) ROUNDS times, and per round sums surefire's per-test times (from the XML
# reports) over the repository tests both engines share, so each side runs the same test bodies
# (setup included: a fresh SQLite file, or a fresh PostgreSQL database copied from a migrated
# template); the two migration classes test different things and are reported as totals.
# Left out of the sums: the PostgreSQL cluster's start (initdb + pg_ctl, once per JVM, in a
# @BeforeAll, printed apart) and jobsQueueRunAndSurviveARestart (on PostgreSQL it waits 1.1 s for
# a job lease to run out, which SQLite's restart path does not).
# Needs: Debian postgresql (scripts/install-test-deps.sh). Usage: bench/store-engines.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
reports=station/target/surefire-reports
echo "load before: $(uptime)"
for r in $(seq 1 "$rounds"); do
  log=$(mktemp)
  if ! nice -n 5 mvn -B -ntp -q -pl station -am test -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest='RepositoriesTest,PostgresRepositoriesTest,MigrationsTest,PostgresMigrationsTest' >"$log" 2>&1; then
    cat "$log"; echo "round $r: the tests failed" >&2; exit 1
  fi
  grep -E "PostgreSQL test cluster" "$log" | sed "s/^/round $r /" || true
  rm -f "$log"
  awk -v round="$r" '
    /<testcase / {
      match($0, /name="[^"]+"/); name = substr($0, RSTART + 6, RLENGTH - 7)
      match($0, /time="[0-9.]+"/); t = substr($0, RSTART + 6, RLENGTH - 7) + 0
      if (FILENAME ~ /TEST-emu.station.store.RepositoriesTest.xml/) sa[name] = t; else sb[name] = t }
    END {
      for (n in sa) if ((n in sb) && n != "jobsQueueRunAndSurviveARestart") { k++; ta += sa[n]; tb += sb[n] }
      printf "round %s %d shared repository tests: SQLite %.2f s, PostgreSQL %.2f s, ratio %.1f\n", round, k, ta, tb, tb / ta }' \
    "$reports/TEST-emu.station.store.RepositoriesTest.xml" "$reports/TEST-emu.station.store.PostgresRepositoriesTest.xml"
  for cls in MigrationsTest PostgresMigrationsTest; do
    awk -v round="$r" -v cls="$cls" '/<testcase / { n++; match($0, /time="[0-9.]+"/); sum += substr($0, RSTART + 6, RLENGTH - 7) }
      END { printf "round %s %s: %d tests, %.2f s\n", round, cls, n, sum }' "$reports/TEST-emu.station.store.$cls.xml"
  done
done
echo "load after: $(uptime)"
