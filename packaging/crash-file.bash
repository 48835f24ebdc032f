# shellcheck shell=bash
# Where the JVM writes its own crash report (hs_err_pid*.log) for the long jobs, sourced by the
# checkout's bin/station and the package's /usr/bin/station (installed as
# /usr/share/emu-station/crash-file.bash). Without -XX:ErrorFile the JVM writes it to the working
# directory (the service's is /, read-only: then /tmp, private to the unit and gone at its restart),
# i.e. outside the data directory or lost. A native fault in DL4J's code during a fit is such a crash
# (bench/RESULTS.md, "The MLP's native crash").
#   run, worker: the data directory's logs/ (where the daemon's own log is; the data directory itself
#     when it has no logs/ yet), named with the host (several benches may share a data root). The
#     data directory is `[station] data_dir` of the --config file (default config.toml), relative to
#     that file's folder, "data" when unset; read here with a line match (a basic or literal string
#     on one line, as config.toml writes it). A config it cannot read adds nothing: the daemon then
#     exits 2 naming the file.
#   fit: beside --out: OUT.hs_err_pid%p.log (a fit has no data directory).
# crash_file_opts ARGS... prints the option (or nothing); it never creates a folder: a data
# directory that is not there (a share not mounted) is the daemon's to refuse.
crash_file_opts() {
  local cmd="${1:-}" cfg="config.toml" out="" a prev="" dir
  for a in "$@"; do
    case "$prev" in
      --config) cfg="$a" ;;
      --out) out="$a" ;;
    esac
    case "$a" in
      --config=*) cfg="${a#--config=}" ;;
      --out=*) out="${a#--out=}" ;;
    esac
    prev="$a"
  done
  case "$cmd" in
    run|worker)
      [[ -r "$cfg" ]] || return 0
      dir=$(awk '
        /^[ \t]*\[/ { t = $0; gsub(/[ \t]/, "", t); station = (t == "[station]"); next }
        station && /^[ \t]*data_dir[ \t]*=/ {
          v = $0; sub(/^[^=]*=[ \t]*/, "", v)
          if (v ~ /^"[^"\\]*"/) { sub(/^"/, "", v); sub(/".*$/, "", v); print v; exit }
          if (v ~ /^\047[^\047]*\047/) { sub(/^\047/, "", v); sub(/\047.*$/, "", v); print v; exit }
          print "\001"; exit
        }' "$cfg")
      [[ "$dir" == $'\001' ]] && return 0   # a form the line match does not read: the JVM's default
      dir="${dir:-data}"
      [[ "$dir" == /* ]] || dir="$(cd "$(dirname "$cfg")" && pwd)/$dir"
      [[ -d "$dir/logs" ]] && dir="$dir/logs"
      echo "-XX:ErrorFile=$dir/hs_err_$(hostname -s 2>/dev/null || echo host)_pid%p.log"
      ;;
    fit)
      [[ -n "$out" ]] || return 0
      echo "-XX:ErrorFile=${out%/}.hs_err_pid%p.log"
      ;;
  esac
}
