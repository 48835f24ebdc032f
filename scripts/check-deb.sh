#!/usr/bin/env bash
# CI check of the Debian package (issue 23), ~1-2 minutes after a build: builds it, checks
# `dpkg-deb --contents` and the control fields, runs lintian (findings beyond
# packaging/lintian-overrides fail), `systemd-analyze verify` on the unit, then starts the packaged
# `station` from a temp root (`dpkg-deb -x`; never installed on this machine) on the packaged
# default config with data_dir and port overridden, and checks /api/health, /metrics, sd_notify
# readiness and watchdog pings on a socat-held NOTIFY_SOCKET, a clean
# SIGTERM stop, and `station doctor` run as an unprivileged user. Usage: scripts/check-deb.sh
# (SKIP_BUILD=1 reuses the last mvn package).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
for t in dpkg-deb lintian systemd-analyze curl runuser; do
  command -v "$t" >/dev/null || fail "$t missing (scripts/install-test-deps.sh installs it)"
done
work=$(mktemp -d)
pid=""
notify_pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; [[ -n "$notify_pid" ]] && kill "$notify_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
chmod 0755 "$work"

# The vcamera build's print-camera-list (scripts/build-vcamera.sh) exercises the rules generation.
pcl="$root/.cache/vcamera/prefix/lib/libgphoto2/print-camera-list"
[[ -x "$pcl" && -z "${PRINT_CAMERA_LIST:-}" ]] && export PRINT_CAMERA_LIST="$pcl"
deb=$("$root/scripts/build-deb.sh" "$work/out" | tail -1)
[[ -f "$deb" ]] || fail "no package built"
echo "check-deb: built $deb ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/station ./etc/emu-station/config.toml ./lib/systemd/system/emu-station.service \
         ./usr/share/doc/emu-station/copyright ./usr/share/doc/emu-station/install.md \
         ./usr/share/lintian/overrides/emu-station ./usr/share/emu-station/apply-cds.bash \
         ./usr/share/emu-station/crash-file.bash; do
  grep -q " $f\$" <<<"$contents" || fail "$f not in the package"
done
for j in emu-station emu-calibration emu-devices emu-web-ui io.javalin-javalin io.micrometer-micrometer-registry-prometheus \
         org.nd4j-nd4j-native; do
  grep -q "usr/share/emu-station/lib/$j-" <<<"$contents" || fail "jar $j* not in the package"
done
grep -q '^-rwxr-xr-x root/root .* ./usr/bin/station$' <<<"$contents" || fail "/usr/bin/station not root-owned 0755"
if [[ -n "${PRINT_CAMERA_LIST:-}" ]]; then
  grep -q ' ./lib/udev/rules.d/60-emu-station-cameras.rules$' <<<"$contents" || fail "camera udev rules missing"
fi
[[ "$(dpkg-deb --info "$deb" conffiles)" == /etc/emu-station/config.toml ]] || fail "config.toml is not the one conffile"
dpkg-deb --field "$deb" Depends | grep -q openjdk-17-jre-headless || fail "no Depends on openjdk-17-jre-headless"
for s in postinst prerm postrm; do dpkg-deb --info "$deb" "$s" >/dev/null || fail "no $s"; done

echo "check-deb: lintian"
lintian --fail-on error,warning --tag-display-limit 0 "$deb" | tee "$work/lintian.txt" || fail "lintian findings above"

x="$work/root"
dpkg-deb -x "$deb" "$x"
echo "check-deb: systemd-analyze verify"
# verify checks that ExecStart's binary exists: point it at the unpacked one (the only change;
# --root= would also need systemd's own units in the tree).
install -d "$work/unit"
sed "s|^ExecStart=/usr/bin/station |ExecStart=$x/usr/bin/station |" "$x/lib/systemd/system/emu-station.service" \
  > "$work/unit/emu-station.service"
grep -q "^ExecStart=$x/usr/bin/station run --config /etc/emu-station/config.toml$" "$work/unit/emu-station.service" \
  || fail "unexpected ExecStart in the unit"
systemd-analyze verify "$work/unit/emu-station.service" 2>&1 | tee "$work/verify.txt"
[[ -s "$work/verify.txt" ]] && fail "systemd-analyze verify complained"

echo "check-deb: packaged station on the packaged config"
token=check-deb-token-$RANDOM$RANDOM$RANDOM
sed -e "s|^data_dir = .*|data_dir = \"$work/data\"|" -e 's|^port = 8420$|port = 0|' \
    -e "s|^metrics_token = \"\"$|metrics_token = \"$token\"|" "$x/etc/emu-station/config.toml" > "$work/config.toml"
grep -q "^metrics_token = \"$token\"" "$work/config.toml" || fail "packaged config has no metrics_token line"
# systemd's side of sd_notify: a datagram socket whose messages socat appends to a file.
command -v socat >/dev/null || fail "socat missing"
socat -u UNIX-RECV:"$work/notify" OPEN:"$work/notify.log",creat,append &
notify_pid=$!
for _ in $(seq 1 50); do [[ -S "$work/notify" ]] && break; sleep 0.1; done
NOTIFY_SOCKET="$work/notify" WATCHDOG_USEC=2000000 \
EMU_STATION_LIB="$x/usr/share/emu-station/lib" XDG_CACHE_HOME="$work/cache" \
  "$x/usr/bin/station" run --config "$work/config.toml" > "$work/run.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 240); do
  url=$(sed -n 's|^station listening on \(http://[^ ]*\) .*|\1|p' "$work/run.log")
  [[ -n "$url" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/run.log"; fail "station exited at start"; }
  sleep 0.5
done
[[ -n "$url" ]] || { cat "$work/run.log"; fail "station never listened"; }
curl -fsS "${url}api/health" | grep -q '"status":"ok"' || fail "/api/health"
curl -fsS -H "Authorization: Bearer $token" "${url}metrics" > "$work/metrics.txt" || fail "/metrics with the token"
grep -q '^emu_station_disk_free_bytes ' "$work/metrics.txt" || fail "/metrics lacks emu_station_disk_free_bytes"
grep -q '^emu_station_steps{state="planned"} 0.0$' "$work/metrics.txt" || fail "/metrics lacks emu_station_steps"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer wrong-token-000000" "${url}metrics")
[[ "$code" == 401 ]] || fail "/metrics with a wrong token answered $code"
sleep 1.5  # one watchdog period (WATCHDOG_USEC/2 = 1 s) after the first ping
grep -q "READY=1" "$work/notify.log" || fail "no READY=1 on NOTIFY_SOCKET"
[[ $(grep -o "WATCHDOG=1" "$work/notify.log" | wc -l) -ge 2 ]] || fail "fewer than 2 WATCHDOG=1 pings on NOTIFY_SOCKET"
t0=$(date +%s)
kill -TERM "$pid"
wait "$pid" || true
pid=""
(( $(date +%s) - t0 <= 10 )) || fail "stop took over 10 s"
grep -q "stopped in" "$work/run.log" || { cat "$work/run.log"; fail "no clean stop in the log"; }

echo "check-deb: station doctor as an unprivileged user"
sed -e "s|^data_dir = .*|data_dir = \"$work/root-only/data\"|" "$work/config.toml" > "$work/doctor.toml"
install -d -m 0700 "$work/root-only"
chmod 0644 "$work/doctor.toml"
set +e
runuser -u nobody -- env EMU_STATION_LIB="$x/usr/share/emu-station/lib" HOME=/tmp \
  "$x/usr/bin/station" doctor --config "$work/doctor.toml" --min-free-gb 0 > "$work/doctor.txt" 2>&1
rc=$?
set -e
cat "$work/doctor.txt"
[[ $rc == 1 ]] || fail "doctor as nobody on a root-only data directory exited $rc, not 1"
grep -q "^FAIL data directory $work/root-only/data: not writable by nobody" "$work/doctor.txt" || fail "doctor: no data-dir failure"
grep -q "fix: sudo install -d -o nobody" "$work/doctor.txt" || fail "doctor: no fix"
echo "check-deb: apply's class-data archive in the user's cache"
# The first apply lists the classes it loads and makes the archive under XDG_CACHE_HOME/emu-station/cds
# (apply-cds.bash, shared with bin/station); the next one maps it. Run as nobody, as a user would.
cds_home="$work/cds-home"
install -d -o nobody "$cds_home"
cds="$cds_home/.cache/emu-station/cds"
for run in 1 2; do
  runuser -u nobody -- env EMU_STATION_LIB="$x/usr/share/emu-station/lib" HOME="$cds_home" \
    "$x/usr/bin/station" apply --help > "$work/apply-$run.txt" 2>&1 \
    || { cat "$work/apply-$run.txt" "$cds/apply.log" 2>/dev/null; fail "station apply --help (run $run) failed"; }
  [[ -s "$cds/apply.jsa" ]] || { cat "$cds/apply.log" 2>/dev/null; fail "no archive in $cds after apply run $run"; }
done
grep -q 'Mapped static  *region' "$cds/apply-jvm.log" && ! grep -q 'UseSharedSpaces:' "$cds/apply-jvm.log" \
  || { cat "$cds/apply-jvm.log"; fail "the second apply did not map the archive"; }
[[ -z "$(find "$cds_home" -mindepth 1 -not -path "$cds_home/.cache" -not -path "$cds_home/.cache/*" -print -quit)" ]] \
  || fail "apply wrote outside the user's cache: $(find "$cds_home" -mindepth 1 -not -path "$cds_home/.cache*")"
echo "check-deb: all checks passed"
