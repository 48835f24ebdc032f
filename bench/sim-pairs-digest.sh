#!/usr/bin/env bash
# SHA-256 of the virtual bench's pairs under every tabulated CIE light and two Planckian ones, for
# two stocks: the bench's spectra must keep every bit when the illuminant code moves (issue 15's
# one illuminant registry). Run on two commits and compare the digests (bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
lights=A,D50,D55,D65,D75,FL2,FL4,FL7,FL11,LED-B1,LED-B2,LED-B3,LED-B4,LED-B5,LED-BH1,LED-RGB1,LED-V1,LED-V2,3200K,2856.5K
for stock in portrait-160 cine-500t; do
  bin/station sim pairs --stock "$stock" --illuminants "$lights" --heldout-illuminants 5600K --out "$out/$stock" >/dev/null 2>&1
done
(cd "$out" && sha256sum portrait-160/train.csv portrait-160/heldout.csv cine-500t/train.csv cine-500t/heldout.csv)
