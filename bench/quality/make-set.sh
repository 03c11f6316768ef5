#!/usr/bin/env bash
# Builds the quality harness's labelled set (bench/quality/labels.json names every file) into $1
# (default target/bench-data/quality/set). Documents come from Debian packages (fetched with `apt-get download`
# and unpacked with dpkg-deb, so they are there even where /usr/share/doc is not installed); images, a scanned
# PDF and speech are generated with Debian tools whose text we choose, so the reference is known exactly.
# Needs: apt-get, dpkg-deb, gnuplot, dot (graphviz), convert-im6.q16 (imagemagick), exiftool, pdftoppm, pdftotext
# (poppler-utils), img2pdf, flite. `make bench-quality` installs them.
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=${1:-target/bench-data/quality/set}
DEBS=target/bench-data/quality/debs
HERE=bench/quality
mkdir -p "$OUT" "$DEBS"
IM=convert-im6.q16   # Debian's ImageMagick 6 by its own name: `convert` may be something else on PATH

# --- documents from Debian packages ---------------------------------------------------------------------------
fetch() { # package, path inside the package, output name
  local pkg=$1 inside=$2 name=$3
  [ -s "$OUT/$name" ] && return
  if [ ! -d "$DEBS/$pkg" ]; then
    (cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root "$pkg" >/dev/null)
    dpkg-deb -x "$DEBS/${pkg}"_*.deb "$DEBS/$pkg"
  fi
  case "$inside" in
    *.gz) gzip -dc "$DEBS/$pkg/$inside" > "$OUT/$name" ;;
    *) cp "$DEBS/$pkg/$inside" "$OUT/$name" ;;
  esac
}
fetch bzip2-doc usr/share/doc/bzip2/manual.pdf.gz bzip2-manual.pdf          # 38 pages, dot-leader contents, running heads
fetch flite usr/share/doc/flite/flite.pdf.gz flite-manual.pdf               # 38 pages, texinfo
fetch zstd usr/share/doc/zstd/CONTRIBUTING.md.gz zstd-contributing.md       # Markdown: code blocks, a table, links

# --- a scanned PDF: three pages of the bzip2 manual rendered to pictures and wrapped again (no text layer) -------
if [ ! -s "$OUT/scanned-bzip2.pdf" ]; then
  tmp=$(mktemp -d)
  pdftoppm -r 150 -f 2 -l 4 -gray -png "$OUT/bzip2-manual.pdf" "$tmp/page"
  img2pdf -o "$OUT/scanned-bzip2.pdf" "$tmp"/page-*.png
  for p in 2 3 4; do pdftotext -layout -f $p -l $p "$OUT/bzip2-manual.pdf" "$OUT/scanned-bzip2.page$((p - 1)).ref.txt"; done
  rm -rf "$tmp"
fi

# --- a chart like the ones people export: 2100 px square, light-grey background, rotated axis labels -------------
[ -s "$OUT/rainfall-chart.png" ] || (cd "$OUT" && gnuplot "$OLDPWD/$HERE/rainfall-chart.gp")

# --- a dark-theme diagram: white text on a transparent background (tesseract alone puts it on white) -------------
if [ ! -s "$OUT/pipeline-diagram.png" ]; then
  tmp=$(mktemp -d)
  dot -Tpng -Gdpi=96 -Gbgcolor=white "$HERE/pipeline-diagram.dot" -o "$tmp/flat.png"
  "$IM" "$tmp/flat.png" -colorspace gray -negate "$tmp/ink.png"
  size=$(identify -format '%wx%h' "$tmp/flat.png")
  "$IM" -size "$size" xc:white "$tmp/ink.png" -alpha off -compose CopyOpacity -composite "$OUT/pipeline-diagram.png"
  rm -rf "$tmp"
fi

# --- a photo of a page taken sideways: pixels stored turned, EXIF orientation 6 says how to show them ------------
if [ ! -s "$OUT/ledger-photo.jpg" ]; then
  "$IM" -size 1400x900 -background '#f4f1ea' -fill '#222222' -font DejaVu-Sans -pointsize 30 \
    caption:"$(cat "$HERE/ledger.txt")" -rotate -90 -quality 90 "$OUT/ledger-photo.jpg"
  exiftool -q -overwrite_original -n -Orientation=6 -Make=Aegis -Model="Bench Camera" "$OUT/ledger-photo.jpg"
fi

# --- a scan turned a quarter with no EXIF at all: only the text itself says which way is up ----------------------
if [ ! -s "$OUT/notice-scan.png" ]; then
  "$IM" -size 1200x800 -background white -fill black -font DejaVu-Serif -pointsize 28 \
    caption:"$(cat "$HERE/notice.txt")" -rotate 90 "$OUT/notice-scan.png"
fi

# --- speech: a voice memo with a reference transcript, and a 7-second one too short to summarise -----------------
[ -s "$OUT/budget-memo.wav" ] || flite -voice slt -f "$HERE/budget-memo.txt" -o "$OUT/budget-memo.wav"
[ -s "$OUT/short-note.wav" ] || flite -voice slt -f "$HERE/short-note.txt" -o "$OUT/short-note.wav"

# --- small texts we wrote (committed): invoices with exact numbers, unrelated notes ------------------------------
cp "$HERE"/texts/*.txt "$OUT/"
echo "labelled set ready in $OUT: $(ls "$OUT" | wc -l) files"
