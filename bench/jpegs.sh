#!/usr/bin/env bash
# Generates COUNT 12 MP JPEGs (4000x3000) into DIR once; later calls with as many or fewer reuse them.
# Usage: bash bench/jpegs.sh COUNT DIR   (needs ffmpeg)
set -euo pipefail
COUNT=$1
DATA=$2
# Coloured gradients blended with ffmpeg's test pattern plus film-like noise, so the JPEGs are ~3 MB with
# photo-like entropy rather than flat colour that decodes unrealistically fast.
if [ "$(find "$DATA" -name '*.jpg' 2>/dev/null | wc -l)" -lt "$COUNT" ]; then
  echo "== generating $COUNT 12 MP JPEGs in $DATA (once)"
  rm -rf "$DATA" "$DATA.tmp" && mkdir -p "$DATA.tmp"
  ffmpeg -v error -y \
    -f lavfi -i "gradients=s=4000x3000:n=5:speed=0.02:r=25,format=yuv420p" \
    -f lavfi -i "testsrc2=s=4000x3000:r=25" \
    -filter_complex "[0][1]blend=all_mode=overlay:all_opacity=0.5,noise=alls=10:allf=t,format=yuvj420p" \
    -frames:v "$COUNT" -q:v 3 "$DATA.tmp/img-%03d.jpg"
  mv "$DATA.tmp" "$DATA"
fi
