#!/usr/bin/env bash
# Builds libgphoto2 2.5.30 with its virtual USB camera (--enable-vusb, an emulated Nikon D750 over
# PTP) from Debian's source package into .cache/vcamera/, for the devices camera tests.
# Recipe and traps: ../shared/STACK.md "libgphoto2's virtual camera". Idempotent: a complete install
# (marker file written last) is reused; delete .cache/vcamera to rebuild.
#
# Layout written under .cache/vcamera/:
#   prefix/        the libgphoto2 install (lib/libgphoto2.so.6, lib/libgphoto2/2.5.30 camlibs)
#   iolibs/        only vusb.so and disk.so (with usb1.so present the vusb port is never listed)
#   run/>rec       4 bytes b0 04 37 04: USB id 04b0:0437 (Nikon D750); vusb opens the file named after
#                  the port path relative to the working directory, '>' means record, not replay
#   prefix/share/libgphoto2_port/0.12.1/vcamera/DCIM/100GPHOT/EMU00001.JPG  the picture "captured"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$root/.cache/vcamera"
prefix="$home/prefix"
version=2.5.30
# "-p1": built with the record-mode fix below; a cache from before it is rebuilt
marker="$home/.complete-$version-p1"

# libgphoto2 compiles its prefix in (the vcamera reads DCIM from there): a cache copied or moved
# from another checkout is stale, so the marker records the prefix it was built for.
if [[ -f "$marker" && "$(cat "$marker")" == "$prefix" && -f "$prefix/lib/libgphoto2.so.6" && -f "$home/iolibs/vusb.so" \
      && -f "$home/run/>rec" && -n "$(ls -A "$prefix/share/libgphoto2_port/0.12.1/vcamera/DCIM/100GPHOT" 2>/dev/null)" ]]; then
  echo "vcamera: present in $home"
  exit 0
fi
start=$(date +%s)

sudo_cmd=""
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "vcamera: need root or sudo to install build packages" >&2; exit 1; }
  sudo_cmd="sudo"
fi
apt_get() { DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 "$@"; }

deps=(build-essential dpkg-dev pkg-config libltdl-dev libusb-1.0-0-dev libexif-dev libjpeg-dev
      libxml2-dev gettext imagemagick)
missing=()
for p in "${deps[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done

# apt-get source needs a deb-src entry for bookworm; reuse the URI of the configured Debian mirror.
src_list=/etc/apt/sources.list.d/emu-vcamera-src.sources
need_update=0
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  uri=$(grep -hsoE 'https?://[^ ]*/debian/?$' /etc/apt/sources.list.d/*.sources | head -1 || true)
  [[ -n "$uri" ]] || uri=$(grep -hsoE '^deb +(\[[^]]*\] +)?https?://[^ ]*/debian/? ' /etc/apt/sources.list \
                           | awk '{print $NF}' | head -1 || true)
  [[ -n "$uri" ]] || uri=http://deb.debian.org/debian
  printf 'Types: deb-src\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" | $sudo_cmd tee "$src_list" >/dev/null
  need_update=1
fi
if ((need_update)) || ((${#missing[@]})); then
  apt_get update -qq
fi
if ((${#missing[@]})); then
  echo "vcamera: installing build packages: ${missing[*]}"
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
fi

build="$root/.cache/vcamera-build"
rm -rf "$build" "$home"
mkdir -p "$build"
cd "$build"
echo "vcamera: fetching Debian source package libgphoto2"
apt-get source -qq libgphoto2 >/dev/null
srcdir=$(find . -maxdepth 1 -type d -name "libgphoto2-$version*" | head -1)
[[ -n "$srcdir" ]] || { echo "vcamera: apt-get source did not give libgphoto2 $version" >&2; ls >&2; exit 1; }
cd "$srcdir"
# vcam_read in record mode (our port "usb:>rec": the protocol is logged to the file "rec") writes the
# length the host asked to read from the camera's reply buffer, which holds only cam->nrinbulk bytes:
# a heap over-read of up to a read's size on every PTP read (valgrind: "Invalid read ... vcam_read
# (vcamera.c:1931)"). When the buffer sits at the end of a malloc arena the read runs into an unmapped
# page and the process dies with SIGSEGV in fwrite (CameraCommandTest's `camera config` JVM, CI, exit
# 134). Log only the bytes the read returns; Gphoto2RecordLogTest fails on a build without this.
vc=libgphoto2_port/vusb/vcamera.c
sed -i 's/fwrite(cam->inbulk, 1, toread, cam->fuzzf);/fwrite(cam->inbulk, 1, toread < (unsigned int)cam->nrinbulk ? toread : (unsigned int)cam->nrinbulk, cam->fuzzf);/' "$vc"
grep -q 'toread < (unsigned int)cam->nrinbulk' "$vc" \
  || { echo "vcamera: the record-mode fix no longer applies to $vc (another libgphoto2?): see this script" >&2; exit 1; }
echo "vcamera: configuring and building in $build/$srcdir"
./configure -q --prefix="$prefix" --enable-vusb --with-camlibs=ptp2,directory --disable-nls \
  --without-libcurl --without-gdlib >"$build/configure.log" 2>&1 \
  || { tail -30 "$build/configure.log" >&2; exit 1; }
make -j"$(nproc)" >"$build/make.log" 2>&1 || { tail -40 "$build/make.log" >&2; exit 1; }
make install >"$build/install.log" 2>&1 || { tail -40 "$build/install.log" >&2; exit 1; }

mkdir -p "$home/iolibs" "$home/run"
iodir="$prefix/lib/libgphoto2_port/0.12.1"
for lib in vusb.so disk.so; do
  [[ -f "$iodir/$lib" ]] || { echo "vcamera: $iodir/$lib was not built" >&2; exit 1; }
  cp "$iodir/$lib" "$home/iolibs/"
done
printf '\xb0\x04\x37\x04' >"$home/run/>rec"

# A small picture generated here (no committed binary): what every capture returns a copy of.
dcim="$prefix/share/libgphoto2_port/0.12.1/vcamera/DCIM/100GPHOT"
mkdir -p "$dcim"
convert -size 96x64 gradient:'#d04020-#2040d0' -quality 90 "$dcim/EMU00001.JPG"

cd "$root"
rm -rf "$build"
echo "$prefix" > "$marker"
echo "vcamera: built in $(( $(date +%s) - start )) s into $home"
