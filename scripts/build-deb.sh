#!/usr/bin/env bash
# Builds the Debian package: target/deb/emu-station_VERSION_amd64.deb (issue 23, docs/install.md).
#
# Why dpkg-deb around the Maven build and not `jpackage --type deb`: jpackage bundles a private
# JDK runtime (~40-60 MB more, patched only when we rebuild) and generates its own maintainer
# scripts and unit-less layout we would have to override piece by piece; Debian's
# openjdk-17-jre-headless gets security updates from the distribution, and a hand-written
# control/postinst/unit is short and reviewable. The jars are the Maven build's, copied as they are.
#
# Usage: scripts/build-deb.sh [OUT_DIR]   (SKIP_BUILD=1: reuse the last `mvn package`;
#        PRINT_CAMERA_LIST=PATH: libgphoto2's print-camera-list to generate the camera udev rules with;
#        DEB_COMPRESS=xz for a smaller release file, default gzip, fast on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/deb}"
cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -ntp -DskipTests package
fi
cp_file=station/target/classpath.txt
[[ -f "$cp_file" ]] || { echo "build-deb: $cp_file missing: run mvn package first" >&2; exit 1; }

pom_version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
version="${pom_version//-/\~}"   # 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT, which sorts before 0.1.0

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
p="$stage/emu-station"
install -d "$p/DEBIAN" "$p/usr/bin" "$p/usr/share/emu-station/lib" "$p/etc/emu-station" \
  "$p/lib/systemd/system" "$p/usr/share/doc/emu-station" "$p/usr/share/lintian/overrides"

# The jars: our modules' and every runtime dependency, named group-file so that equal file names
# from different groups (zxing's core vs another core) cannot overwrite each other.
lib="$p/usr/share/emu-station/lib"
for m in calibration devices web-ui station; do
  install -m 0644 "$m/target/$m-$pom_version.jar" "$lib/emu-$m-$pom_version.jar"
done
tr ':' '\n' < "$cp_file" | while read -r j; do
  [[ -z "$j" ]] && continue
  case "$j" in
    */target/classes|*/target/*.jar) continue ;;  # our modules, copied above
  esac
  rel="${j#*/.m2/repository/}"
  group=$(dirname "$(dirname "$(dirname "$rel")")" | tr / .)
  install -m 0644 "$j" "$lib/$group-$(basename "$j")"
done

install -m 0755 packaging/station "$p/usr/bin/station"
install -m 0644 packaging/apply-cds.bash "$p/usr/share/emu-station/apply-cds.bash"
install -m 0644 packaging/crash-file.bash "$p/usr/share/emu-station/crash-file.bash"
# The default config: the checkout's, with the data in /var/lib/emu-station.
sed 's|^data_dir = "data"$|data_dir = "/var/lib/emu-station"|' config.toml > "$p/etc/emu-station/config.toml"
grep -q '^data_dir = "/var/lib/emu-station"$' "$p/etc/emu-station/config.toml" \
  || { echo "build-deb: config.toml has no 'data_dir = \"data\"' line to point at /var/lib/emu-station" >&2; exit 1; }
chmod 0644 "$p/etc/emu-station/config.toml"
install -m 0644 packaging/emu-station.service "$p/lib/systemd/system/emu-station.service"

# Camera udev rules from libgphoto2's own list, as distributions generate them. Debian's
# libgphoto2-6 (a dependency) already ships the same generation (60-libgphoto2-6.rules, group
# plugdev) but not the tool, so without one here the package relies on those.
pcl="${PRINT_CAMERA_LIST:-}"
if [[ -z "$pcl" ]]; then
  for c in /usr/lib/libgphoto2/print-camera-list /usr/lib/*/libgphoto2/print-camera-list; do
    [[ -x "$c" ]] && { pcl="$c"; break; }
  done
fi
if [[ -n "$pcl" ]]; then
  install -d "$p/lib/udev/rules.d"
  "$pcl" udev-rules version 201 group plugdev mode 0660 > "$p/lib/udev/rules.d/60-emu-station-cameras.rules"
  chmod 0644 "$p/lib/udev/rules.d/60-emu-station-cameras.rules"
  echo "build-deb: camera udev rules from $pcl ($(grep -c 'ATTRS{idVendor}' "$p/lib/udev/rules.d/60-emu-station-cameras.rules") entries)"
else
  echo "build-deb: no print-camera-list found; the camera rules are libgphoto2-6's own (group plugdev)"
fi

d="$p/usr/share/doc/emu-station"
install -m 0644 packaging/copyright "$d/copyright"
install -m 0644 docs/install.md docs/metrics.md docs/config.md "$d/"
printf 'emu-station (%s) unstable; urgency=medium\n\n  * Built by scripts/build-deb.sh from the source tree.\n\n -- emu-station developers <emu-station@example.org>  %s\n' \
  "$version" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n > "$d/changelog.gz"
install -m 0644 packaging/lintian-overrides "$p/usr/share/lintian/overrides/emu-station"

install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$p/DEBIAN/"
install -m 0644 packaging/debian/conffiles "$p/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$p" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" packaging/debian/control.in > "$p/DEBIAN/control"
(cd "$p" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
  | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$p/DEBIAN/md5sums" "$p/DEBIAN/control"

mkdir -p "$out"
deb="$out/emu-station_${version}_amd64.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-gzip}" --build "$p" "$deb" >/dev/null
echo "$deb"
