# shellcheck shell=bash
# `station apply`'s application class-data archive (CDS), sourced by the checkout's bin/station and
# by the package's /usr/bin/station (installed as /usr/share/emu-station/apply-cds.bash): the JVM maps
# the classes a run loads (ours, picocli's, the JDK's, with their lambda forms) already parsed and
# linked instead of reading ~1,650 of them from jars (bench/RESULTS.md, issue 18 session 5). JDK 17
# archives classes from jars only, so apply runs from jars. The archive in $cds_dir is made after the
# first successful apply from the classes it loaded (-Xshare:dump, ~2 s once) and remade when a jar,
# the class path or the JDK changes. A missing, stale or mismatched archive only costs the start-up:
# the JVM then runs without it (-Xshare:auto) and says why in $cds_dir/apply-jvm.log; anything the
# launcher skips or fails at goes to $cds_dir/apply.log; an archive the JVM refused is made again
# after the next run. STATION_CDS=0 turns it off, and so does STATION_JAVA_OPTS.
#
# The launcher sets cds_dir (a folder of the user's: the checkout's .cache/cds, the package user's
# cache), cds_cp (the jars' class path; empty: no archive), cds_java (the java command), heap and the
# apply_opts array, calls apply_cds (which sets cp to cds_cp when the archive is used or made), and
# starts the JVM with cds_run JAVA_ARGS...
cds_jsa="$cds_dir/apply.jsa"
cds_stamp="$cds_dir/apply.stamp"
cds_log() { echo "$(date -u +%FT%TZ) $*" >>"$cds_dir/apply.log" 2>/dev/null || true; }
apply_cds() {
  [[ "${STATION_CDS:-1}" == 0 || -n "${STATION_JAVA_OPTS:-}" ]] && return 0
  [[ -n "$cds_cp" ]] || return 0
  mkdir -p "$cds_dir" 2>/dev/null && [[ -w "$cds_dir" ]] || return 0
  cp="$cds_cp"
  local java_bin jars
  java_bin=$(readlink -f "$(command -v "$cds_java")")
  # valid: made for this class path and this java, the size written down when it was made (a
  # truncated archive crashes the JVM instead of being refused), newer than every jar and the JVM,
  # and not refused by the JVM on the last run that used it (its log names why)
  cds_key="$java_bin $cp"
  local jvm_log="$cds_dir/apply-jvm.log"
  if [[ -f "$cds_jsa" && -f "$cds_stamp" && "$jvm_log" -nt "$cds_stamp" ]] && grep -qs 'UseSharedSpaces:' "$jvm_log"; then
    cds_log "the JVM refused the archive on the last run ($(grep -m1 'UseSharedSpaces:' "$jvm_log" | sed 's/.*UseSharedSpaces: //')): making it again after this run"
    rm -f "$cds_stamp"
  fi
  if [[ -f "$cds_jsa" && -f "$cds_stamp" ]] && [[ "$(sed -n 1p "$cds_stamp")" == "$cds_key" ]] \
      && [[ "$(sed -n 2p "$cds_stamp")" == "$(stat -c %s "$cds_jsa")" ]]; then
    IFS=: read -ra jars <<<"$cp"
    if [[ -z "$(find "${jars[@]}" "$java_bin" "$(dirname "$java_bin")/../lib/server/libjvm.so" \
        -newer "$cds_jsa" -print -quit 2>/dev/null)" ]]; then
      apply_opts+=(-XX:SharedArchiveFile="$cds_jsa" -Xshare:auto
        -Xlog:cds=info:file="$jvm_log"::filecount=0)
      return 0
    fi
    cds_log "archive older than a jar or the JVM: making it again after this run"
  elif [[ -f "$cds_jsa" && -f "$cds_stamp" ]]; then
    cds_log "archive made for another class path or JVM, or not whole: making it again after this run"
  fi
  cds_dump="$cds_dir/apply.classlist.$$"
}
# After a successful run that listed its classes: dump the archive to a temporary file, check that
# the JVM maps it (-Xshare:on refuses to start otherwise), then rename it and its stamp into place.
cds_make() {
  local tmp="$cds_jsa.$$"
  if "$cds_java" ${heap} "${apply_opts[@]}" -Xshare:dump -XX:SharedClassListFile="$cds_dump" \
        -XX:SharedArchiveFile="$tmp" -cp "$cp" >"$tmp.out" 2>&1 \
      && "$cds_java" ${heap} "${apply_opts[@]}" -Xshare:on -XX:SharedArchiveFile="$tmp" -cp "$cp" \
        emu.station.cli.Main --version >/dev/null 2>>"$tmp.out" \
      && printf '%s\n%s\n' "$cds_key" "$(stat -c %s "$tmp")" >"$cds_stamp.$$" \
      && mv -f "$tmp" "$cds_jsa" && mv -f "$cds_stamp.$$" "$cds_stamp"; then
    cds_log "archive made: $(wc -l <"$cds_dump") classes listed"
  else
    cat "$tmp.out" >>"$cds_dir/apply.log" 2>/dev/null || true
    cds_log "archive not made (the JVM's output above); apply runs without it"
  fi
  rm -f "$tmp" "$tmp.out" "$cds_stamp.$$" "$cds_dump"
}
# Runs the JVM; when apply_cds asked for a class list, this run writes it and the archive is made
# after it succeeds. Does not return.
cds_run() {
  if [[ -n "$cds_dump" ]]; then
    local rc=0
    "$cds_java" -XX:DumpLoadedClassList="$cds_dump" "$@" || rc=$?
    if ((rc == 0)); then cds_make; fi
    rm -f "$cds_dump"
    exit "$rc"
  fi
  exec "$cds_java" "$@"
}
