#!/usr/bin/env bash
# Thumbnail throughput: Aegis's Thumbnailer (threads, processes) against vipsthumbnail, on 12 MP JPEGs; then the
# libvips path as Aegis runs it (`vips thumbnail`, exact size, strip, fail on damage), and both on 12 MP WebPs, which
# decide aegis.media.image.vips-thumbnail-formats.
# Usage: bash bench/thumbnails.sh   (from anywhere; needs mvn with ~/.m2 filled, ffmpeg, vips, vipsthumbnail)
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${COUNT:-200}   # COUNT=40 for a quick run
WEBP_COUNT=${WEBP_COUNT:-20}   # the JDK's WebP decoder takes seconds per 12 MP image
SIZE=256
PROCS=$(nproc)
DATA=target/bench-data/jpeg12mp
OUT=target/bench-out/thumbnails
RESULTS=bench/results/thumbnails.md
# The same heap and collector as `make run`, so the numbers describe the app as deployed.
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}

for tool in mvn java ffmpeg vips vipsthumbnail; do
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

# The command line VipsThumbnails builds for one 4000×3000 picture at 256: exact size, no metadata, damage refused.
aegis_vips() { # outdir files...
  local out=$1; shift
  for f in "$@"; do
    command vips thumbnail "$f" "$out/$(basename "$f").jpg[Q=85,strip]" "$SIZE" --height $((SIZE * 3 / 4)) \
      --size force --fail-on error --no-rotate
  done
}
echo "== (f) vips thumbnail as Aegis runs it, one process per image, $PROCS at a time"
export -f aegis_vips
rm -rf "$OUT/f"; mkdir -p "$OUT/f"
t0=$(now_ms)
cpu_of xargs -n $(((COUNT + PROCS - 1) / PROCS)) -P "$PROCS" bash -c 'aegis_vips "$0" "$@"' "$OUT/f" <<<"$FILES"
RATE[f]=$(rate "$COUNT" $(($(now_ms) - t0))); CPU[f]=$(cpu_ms)

WEBP=target/bench-data/webp12mp
if [ "$(find "$WEBP" -name '*.webp' 2>/dev/null | wc -l)" -lt "$WEBP_COUNT" ]; then
  rm -rf "$WEBP" && mkdir -p "$WEBP"
  for f in $(head -n "$WEBP_COUNT" <<<"$FILES"); do command vips copy "$f" "$WEBP/$(basename "$f" .jpg).webp[Q=85]"; done
fi
WEBPS=$(find "$WEBP" -name '*.webp' | sort | head -n "$WEBP_COUNT")
echo "== (g) Thumbnailer on $WEBP_COUNT WebPs, 1 thread"
r=$(java $JAVA_OPTS -cp "$CP" io.aegis.bench.ThumbnailBench "$WEBP" "$OUT/g" 1 0/1 "$SIZE" 2 | grep '^RESULT')
RATE[g]=$(field rate "$r"); CPU[g]=$(field cpuMillis "$r")
echo "== (h) vips thumbnail as Aegis runs it on the same WebPs, 1 process at a time"
mkdir -p "$OUT/h"
t0=$(now_ms)
# shellcheck disable=SC2086
cpu_of aegis_vips "$OUT/h" $WEBPS
RATE[h]=$(rate "$WEBP_COUNT" $(($(now_ms) - t0))); CPU[h]=$(cpu_ms)

ratio() { awk -v a="$1" -v b="${RATE[e]}" 'BEGIN { printf "%.2f", a / b }'; }
per_image() { awk -v ms="$1" -v n="${2:-$COUNT}" 'BEGIN { printf "%.0f", ms / n }'; }
row() { echo "| $1 | ${RATE[$2]} | $(ratio "${RATE[$2]}") | $(per_image "${CPU[$2]}" "${3:-$COUNT}") |"; }
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
  row "(f) vips thumbnail as Aegis runs it, $PROCS processes" f
  echo
  echo "$WEBP_COUNT WebPs made from the same JPEGs (4000×3000, Q85), to ${SIZE} px, one at a time (ratio: against (e), JPEG):"
  echo
  echo "| variant | images/s | ratio vs vipsthumbnail ×$PROCS | CPU ms/image |"
  echo "|---|---:|---:|---:|"
  row "(g) Thumbnailer, WebP, 1 thread" g "$WEBP_COUNT"
  row "(h) vips thumbnail as Aegis runs it, WebP, 1 process" h "$WEBP_COUNT"
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg). CPU ms/image (user + system, all threads) stays"
  echo "comparable when other work shares the machine; images/s does not."
} | tee "$RESULTS"
