#!/usr/bin/env bash
# Debian packages the tests drive for real (serial ptys, LUT consumers, camera library, browser),
# then libgphoto2's virtual camera (scripts/build-vcamera.sh). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkgs=(socat ffmpeg imagemagick opencolorio-tools argyll liblcms2-utils libimage-exiftool-perl libraw-bin libtiff-tools
      libgphoto2-6 gphoto2 chromium chromium-driver rawtherapee
      postgresql  # the store and job-queue tests start a throwaway PostgreSQL 15 cluster (PgCluster)
      lintian curl systemd)  # the last three: scripts/check-deb.sh (the package check)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo_cmd=""; [[ $(id -u) == 0 ]] || sudo_cmd="sudo"
  echo "installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [[ -x "$root/scripts/build-vcamera.sh" ]]; then "$root/scripts/build-vcamera.sh"; fi
