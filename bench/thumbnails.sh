#!/usr/bin/env bash
# Thumbnail throughput: Aegis's Thumbnailer (threads, processes) against vipsthumbnail, on 12 MP JPEGs.
# Usage: bash bench/thumbnails.sh   (from anywhere; needs mvn with ~/.m2 filled, ffmpeg, vipsthumbnail)
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=200
SIZE=256
PROCS=$(nproc)
DATA=target/bench-data/jpeg12mp
OUT=target/bench-out/thumbnails
RESULTS=bench/results/thumbnails.md
# The same heap and collector as `make run`, so the numbers describe the app as deployed.
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}

for tool in mvn java ffmpeg vipsthumbnail; do
  command -v "$tool" >/dev/null || { echo "bench/thumbnails.sh needs $tool on the PATH" >&2; exit 1; }
done

echo "== compiling and resolving the classpath"
mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

bash bench/jpegs.sh "$COUNT" "$DATA"
FILES=$(find "$DATA" -name '*.jpg' | sort | head -n "$COUNT")

now_ms() { date +%s%3N; }
# CPU time (user + system, children included) of a command, in ms, written to $CPU_FILE.
CPU_FILE=$(mktemp); trap 'rm -f "$CPU_FILE"' EXIT
cpu_of() { local TIMEFORMAT='%3U %3S'; { time "$@" 2>&3; } 3>&2 2>"$CPU_FILE"; }
cpu_ms() { awk '{ printf "%d", ($1 + $2) * 1000 }' "$CPU_FILE"; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.2f", n * 1000 / ms }'; }

# One JVM over its share of the images; prints the bench's RESULT line (timing excludes JVM start and warm-up).
jvm() { # threads part outdir
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.aegis.bench.ThumbnailBench "$DATA" "$3" "$1" "$2" "$SIZE" 10 | grep '^RESULT'
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }

declare -A RATE CPU
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== (a) Thumbnailer, 1 thread"
rm -rf "$OUT"; r=$(jvm 1 0/1 "$OUT/a"); RATE[a]=$(field rate "$r"); CPU[a]=$(field cpuMillis "$r")

echo "== (b) Thumbnailer, $PROCS threads in one JVM"
rm -rf "$OUT"; r=$(jvm "$PROCS" 0/1 "$OUT/b"); RATE[b]=$(field rate "$r"); CPU[b]=$(field cpuMillis "$r")

echo "== (c) Thumbnailer, $PROCS JVM processes, 1 thread each"
rm -rf "$OUT"; mkdir -p "$OUT/c"
for ((k = 0; k < PROCS; k++)); do jvm 1 "$k/$PROCS" "$OUT/c/$k" >"$OUT/c/$k.result" & done
wait
start=$(cat "$OUT"/c/*.result | sed -E 's/.* start=([0-9]+).*/\1/' | sort -n | head -1)
end=$(cat "$OUT"/c/*.result | sed -E 's/.* end=([0-9]+).*/\1/' | sort -n | tail -1)
RATE[c]=$(rate "$COUNT" $((end - start)))
CPU[c]=$(cat "$OUT"/c/*.result | sed -E 's/.* cpuMillis=([0-9]+).*/\1/' | awk '{ s += $1 } END { print s }')

vips() { # files... ; Q=85 matches Thumbnailer's default JPEG quality
  vipsthumbnail -s "$SIZE" -o "$(pwd)/$OUT/vips/%s.jpg[Q=85]" "$@"
}
rm -rf "$OUT"; mkdir -p "$OUT/vips"
# shellcheck disable=SC2086
vips $(head -n 10 <<<"$FILES")   # warm-up: page cache and shared libraries

echo "== (d) vipsthumbnail, 1 process"
t0=$(now_ms)
# shellcheck disable=SC2086
cpu_of vips $FILES
RATE[d]=$(rate "$COUNT" $(($(now_ms) - t0))); CPU[d]=$(cpu_ms)

echo "== (e) vipsthumbnail, $PROCS processes (xargs -P$PROCS)"
export -f vips; export SIZE OUT
t0=$(now_ms)
cpu_of xargs -n $(((COUNT + PROCS - 1) / PROCS)) -P "$PROCS" bash -c 'vips "$@"' _ <<<"$FILES"
RATE[e]=$(rate "$COUNT" $(($(now_ms) - t0))); CPU[e]=$(cpu_ms)

ratio() { awk -v a="$1" -v b="${RATE[e]}" 'BEGIN { printf "%.2f", a / b }'; }
per_image() { awk -v ms="$1" -v n="$COUNT" 'BEGIN { printf "%.0f", ms / n }'; }
row() { echo "| $1 | ${RATE[$2]} | $(ratio "${RATE[$2]}") | $(per_image "${CPU[$2]}") |"; }
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Thumbnail throughput"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · nproc=$PROCS · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
       "· load average before: $LOAD_BEFORE · JAVA_OPTS=$JAVA_OPTS"
  echo
  echo "$COUNT JPEGs, 4000×3000 (~$(du -sm "$DATA" | cut -f1) MB in total), each to a ${SIZE} px long side, JPEG quality 0.85."
  echo
  echo "| variant | images/s | ratio vs vipsthumbnail ×$PROCS | CPU ms/image |"
  echo "|---|---:|---:|---:|"
  row "(a) Thumbnailer, 1 thread" a
  row "(b) Thumbnailer, $PROCS threads" b
  row "(c) Thumbnailer, $PROCS JVM processes" c
  row "(d) vipsthumbnail, 1 process" d
  row "(e) vipsthumbnail, $PROCS processes" e
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg). CPU ms/image (user + system, all threads) stays"
  echo "comparable when other work shares the machine; images/s does not."
} | tee "$RESULTS"
