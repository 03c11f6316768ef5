#!/usr/bin/env bash
# The yardstick of issue 22's bulk import: the core tool work of Aegis's image plan done directly by a shell, two
# images at a time (2 cores): per image a 256 px and a 1024 px thumbnail with vipsthumbnail and OCR with tesseract
# (one thread, as Aegis runs it). Prints the wall time and the CPU time in seconds on the last line.
# Usage: bash bench/direct-tools.sh JPEG_DIR [COUNT=16]   (needs libvips-tools and tesseract-ocr)
set -euo pipefail
DIR=$1
COUNT=${2:-16}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
one() {
  local image=$1 out=$2 base
  base=$(basename "$image" .jpg)
  vipsthumbnail "$image" --size 256 -o "$out/${base}_256.jpg[Q=85]"
  vipsthumbnail "$image" --size 1024 -o "$out/${base}_1024.jpg[Q=85]"
  OMP_THREAD_LIMIT=1 tesseract "$image" "$out/$base" >/dev/null 2>&1
}
export -f one
images=$(find "$DIR" -name '*.jpg' | sort | head -n "$COUNT")
[ "$(echo "$images" | wc -l)" -eq "$COUNT" ] || { echo "need $COUNT JPEGs in $DIR (bench/jpegs.sh)" >&2; exit 1; }
# Wall time and CPU time (user + system of every tool) in seconds, on the last line.
TIMEFORMAT='%R %U %S'
{ time (echo "$images" | xargs -P2 -I{} bash -c 'one "$1" "$2"' _ {} "$OUT"); } 2> "$OUT/time"
awk '{printf "%.1f %.1f\n", $1, $2 + $3}' "$OUT/time"
