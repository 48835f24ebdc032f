# Sourced by bench/fidelity/*.sh: the classpath the bench tools run on, and their compilation.
# Sets root (the checkout, also the working directory), cp (the three modules' classes, then their
# dependencies) and out (a temporary directory removed on exit); `bench_classes FILE...` compiles bench
# sources into out. FID_CLASSES: a copy of the three modules' target/classes trees (to score a baseline
# while editing).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[[ -f station/target/classpath.txt ]] || mvn -B -q -ntp -DskipTests package
# Module classes first (the classpath file names the calibration/devices jars, possibly stale).
deps="$(tr ':' '\n' < station/target/classpath.txt | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
c="${FID_CLASSES:-$root}"
cp="$c/calibration/target/classes:$c/devices/target/classes:$c/station/target/classes:$deps"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The harness (Fidelity, Dense, Summary) and the named bench sources, compiled into $out.
bench_classes() {
    local files=(bench/fidelity/Fidelity.java bench/fidelity/Dense.java bench/fidelity/Summary.java)
    for f in "$@"; do files+=("bench/fidelity/$f"); done
    javac -nowarn -d "$out" -cp "$cp" "${files[@]}"
}
