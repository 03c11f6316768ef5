#!/usr/bin/env bash
# `make bench`: every figure of issue 22 next to its target in one table, all measured in this one run (≈ 12 min on
# 2 cores): the bulk import against the direct-tools script and two tenants sharing the machine
# (TenantFairnessBench), queue hop, small-job throughput, latency and 200 concurrent uploads (PipelineBench parts
# 1–3), start-up to health UP (startup.sh) and the peak resident memory of every app process the run started.
# Usage: bash bench/all.sh   Writes bench/results/summary.md (RESULTS=... to change); the longer benchmarks
# (make bench-pipeline, bench-media, bench-durability, bench-quality) keep their own result files.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RESULTS=${RESULTS:-bench/results/summary.md}
JPEGS=${JPEGS:-target/bench-data/jpeg12mp}
FIGURES=$PWD/target/bench-figures.tsv
OUT=target/bench-out/all
start=$(date +%s)
header="$(machine_line) · commit $(git rev-parse --short HEAD 2>/dev/null || echo '?') · command: make bench"

echo "== building the jar, the CDS archive and the benchmark classpath"
mvn -B -o -q -DskipTests package
mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
make --no-print-directory cds >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
bash bench/jpegs.sh 28 "$JPEGS"
mkdir -p "$OUT"; : > "$FIGURES"

echo "== 1/4 the direct-tools script: 16 × 12 MP JPEGs, 2 at a time"
bash bench/direct-tools.sh "$JPEGS" 16 > /dev/null # warm the page cache and the tools
read -r script script_cpu < <(bash bench/direct-tools.sh "$JPEGS" 16 | tail -1)
echo "   ${script} s (CPU ${script_cpu} s)"

echo "== 2/4 the same import through Aegis: one tenant, then two at once"
java -Xmx512m -cp "$CP" -Dsuite=true -DscriptSeconds="$script" -DscriptCpuSeconds="$script_cpu" -Dfigures="$FIGURES" \
  io.aegis.bench.TenantFairnessBench "$JPEGS" | tee "$OUT/fairness.md"

echo "== 3/4 pipeline: queue hop, small jobs, latency, 200 concurrent 1 MB uploads"
java -Xmx768m -cp "$CP" -Dparts=123 -Dfigures="$FIGURES" io.aegis.bench.PipelineBench "$JPEGS" 2> "$OUT/pipeline.log" \
  | tee "$OUT/pipeline.md"

echo "== 4/4 start-up: make run with a built jar until health is UP"
CDS_ONLY=1 FIGURES="$FIGURES" RESULTS="$OUT/startup.md" bash bench/startup.sh 3 > /dev/null
took=$(( $(date +%s) - start ))

{
  echo "# make bench: every figure against its target"
  echo
  echo "$header"
  echo
  echo "| figure | target | measured (load average 1/5/15 min when it was taken) |"
  echo "|---|---|---|"
  # One row per figure; the app processes' peak memory as one row (the largest), naming the process.
  grep -v '^peak resident memory' "$FIGURES" | awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}'
  grep '^peak resident memory' "$FIGURES" | sort -t$'\t' -k3 -n -r | head -1 \
    | awk -F'\t' '{sub(/ \(/, " (largest of the run: ", $1); printf "| %s | %s | %s |\n", $1, $2, $3}'
  echo
  echo "Took $((took / 60)) min $((took % 60)) s. Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "## Details"
  echo
  echo "### Bulk import (16 × 12 MP): direct-tools script ${script} s, CPU ${script_cpu} s (bench/direct-tools.sh); Aegis, default plan"
  echo
  cat "$OUT/fairness.md"
  echo
  echo "### Pipeline (PipelineBench parts 1–3)"
  echo
  cat "$OUT/pipeline.md"
  echo
  echo "### Start-up"
  echo
  sed -n '/^| variant/,$p' "$OUT/startup.md"
} | tee "$RESULTS"
