#!/usr/bin/env bash
# Issue 21: nightly training of SETS sets with 1 worker vs 2 workers (wall time, as a ratio).
# A throwaway PostgreSQL 15 cluster (the tests' PgCluster: initdb + pg_ctl on a free port under a
# temp directory, as the postgres user through runuser when run as root; stopped and deleted at
# the end), SETS synthetic sets of 2 lights x EVS exposures x 24 patches, then rounds alternating
# 1, 2, 2, 1 real `station worker` processes taking SETS queued trainings (emu.station.jobs.WorkersBench).
# WORKERS_OWN_SESSIONS=1 starts each worker with setsid: with the kernel's autogroup scheduling
# (/proc/sys/kernel/sched_autogroup_enabled = 1) processes of one session share one CPU slice, so
# without it a second worker on a busy machine gets no CPU the first one did not have.
# Needs: Debian postgresql (scripts/install-test-deps.sh), setsid (util-linux).
# Usage: bench/workers.sh [SETS=8] [EVS=9] [REPEATS=2] [CANDIDATES='["matrix","polynomial","root-polynomial","tps","mlp"]']
set -euo pipefail
cd "$(dirname "$0")/.."
sets="${1:-8}"; evs="${2:-9}"; repeats="${3:-2}"
candidates="${4:-[\"matrix\", \"polynomial\", \"root-polynomial\", \"tps\", \"mlp\"]}"
echo "nproc $(nproc); autogroup $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo '?'); load before: $(uptime)"
# One reactor run: the sibling modules come from their target/ folders, never from ~/.m2 (a fresh clone has none installed).
mvn -B -ntp -q -pl station -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.excludeGroupIds=emu -Dmdep.outputFile=target/bench-cp.txt
# DL4J trains ~3x faster with one OpenMP thread on small machines (shared/STACK.md); the workers inherit it.
export OMP_NUM_THREADS=1
java -Xmx512m -cp "station/target/classes:station/target/test-classes:calibration/target/classes:calibration/target/test-classes:devices/target/classes:web-ui/target/classes:$(cat station/target/bench-cp.txt)" \
  emu.station.jobs.WorkersBench "$sets" "$evs" "$repeats" "$candidates"
echo "load after: $(uptime)"
