#!/usr/bin/env bash
# Issue 22's start-up figure: `make run` from a built jar until health is UP, with the class-data-sharing archive
# `make run` uses (target/cds, trained once per build by `make cds`) against the plain fat jar, alternating, on free
# ports and one data folder (the first start creates the tables and buckets; the others are restarts). Also the
# resident memory once UP. Usage: bash bench/startup.sh [starts per variant, default 3]. Writes
# bench/results/startup.md (RESULTS=... to change).
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
RESULTS=${RESULTS:-bench/results/startup.md}
RUNS=${1:-3}
DATA=target/bench-data/startup
JAVA_OPTS=$(sed -n 's/^JAVA_OPTS ?= //p' Makefile)
make --no-print-directory cds >/dev/null
[ -s target/cds/aegis.jsa ] || { echo "no CDS archive: see target/cds/training.log" >&2; exit 1; }
rm -rf "$DATA"; mkdir -p "$DATA"
header="$(machine_line)"

# One start: milliseconds from launch until /actuator/health answers UP, and the resident memory then (MB).
start_once() {
  local log="$DATA/$1.log" port t0 pid ms rss
  port=$(free_port)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  AEGIS_DEV_MODE=true PORT=$port AEGIS_DATA_DIR="$DATA/app" AEGIS_WORK_DIR="$DATA/work" \
    AEGIS_EMBEDDED_S3PORT=$(free_port) AEGIS_EMBEDDED_SQSPORT=$(free_port) AEGIS_EMBEDDED_DYNAMODBPORT=$(free_port) \
    java $JAVA_OPTS "${@:2}" > "$log" 2>&1 < /dev/null &
  pid=$!
  local deadline=$(( $(date +%s) + 600 ))
  until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited; see $log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not UP in 10 minutes; see $log" >&2; kill "$pid"; exit 1; }
    sleep 0.1
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms $rss"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

plain=(); cds=(); plain_rss=(); cds_rss=()
for i in $(seq 1 "$RUNS"); do
  if [ "${CDS_ONLY:-0}" != 1 ]; then
    read -r ms rss < <(start_once "plain-$i" -jar target/aegis-0.1.0-SNAPSHOT.jar); plain+=("$ms"); plain_rss+=("$rss")
    echo "fat jar, start $i: $ms ms, $rss MB"
  fi
  read -r ms rss < <(start_once "cds-$i" -XX:SharedArchiveFile=target/cds/aegis.jsa -jar target/cds/aegis-0.1.0-SNAPSHOT.jar)
  cds+=("$ms"); cds_rss+=("$rss")
  echo "CDS, start $i: $ms ms, $rss MB"
done
# make bench (bench/all.sh) collects the figure with its target.
if [ -n "${FIGURES:-}" ]; then
  median_s=$(printf '%s\n' "${cds[@]}" | median | awk '{printf "%.1f", $1/1000}')
  verdict=$(awk -v s="$median_s" 'BEGIN {print (s <= 15) ? "(met)" : "(**not met**)"}')
  printf 'start-up: `make run` with a built jar (CDS archive) until health is UP, median of %s\t≤ 15 s\t%s s %s (load %s)\n' \
    "$RUNS" "$median_s" "$verdict" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$FIGURES"
fi
row() { printf '| %s | %s | %.1f s | %s MB |\n' "$1" "$(printf '%s ms, ' "${@:3}" | sed 's/, $//')" \
  "$(printf '%s\n' "${@:3}" | median | awk '{print $1/1000}')" "$2"; }
{
  echo "# Start-up benchmark (issue 22: ≤ 15 s from \`make run\` with a built jar until health is UP)"
  echo
  echo "$header"
  echo
  echo "JVM: $JAVA_OPTS. Starts alternate (fat jar, CDS, fat jar, ...) on one data folder: the first start creates"
  echo "the tables and buckets, the others are restarts. Resident memory is read when health is UP."
  echo
  echo "| variant | launch → health UP, each start | median | resident memory (median) |"
  echo "|---|---|---:|---:|"
  [ "${#plain[@]}" -eq 0 ] || row "\`java -jar\` the fat jar (before)" "$(printf '%s\n' "${plain_rss[@]}" | median)" "${plain[@]}"
  row "\`make run\`: unpacked jar + CDS archive" "$(printf '%s\n' "${cds_rss[@]}" | median)" "${cds[@]}"
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$RESULTS"
rm -rf "$DATA"
