#!/usr/bin/env bash
# Whole-pipeline benchmark (issue 8): queue hop overhead, small-job latency and throughput, 200 concurrent
# uploads, a multi-GB streamed upload at -Xmx512m, 1 vs 2 media worker processes, a 2000-job backlog.
# Usage: bash bench/pipeline.sh   (from anywhere; needs mvn with ~/.m2 filled, java and ffmpeg. STREAM_GB=2 by default;
#        PARTS=123456 selects parts. Part 5 makes its 28 JPEGs with bench/jpegs.sh if missing.)
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
RESULTS=${RESULTS:-bench/results/pipeline.md}
STREAM_GB=${STREAM_GB:-2}
PARTS=${PARTS:-123456}
JPEGS=${JPEGS:-target/bench-data/jpeg12mp}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the jar and resolving the test classpath"
  mvn -B -o -q -DskipTests package
  mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
# Part 5's thumbnail workload: 24 timed + 4 warm-up images (bench/thumbnails.sh makes 200 in the same folder).
if [[ "$PARTS" == *5* ]]; then
  bash bench/jpegs.sh 28 "$JPEGS"
fi

header="$(machine_line) · app JVM: as make run (below)"
echo "== pipeline benchmark (rows print as they finish; app logs in target/bench-out/pipeline/)"
start=$(date +%s)
table=$(java -Xmx768m -cp "$CP" -Dparts="$PARTS" io.aegis.bench.PipelineBench "$JPEGS" "$STREAM_GB")
took=$(( $(date +%s) - start ))
{
  echo "# Pipeline benchmark"
  echo
  echo "$header"
  echo
  echo "$table"
  echo
  echo "Took ${took} s. Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$RESULTS"
