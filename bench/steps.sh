#!/usr/bin/env bash
# The steps shipped as YAML (routes/steps/): each one's cost per file in the pipeline next to the same tool run directly.
# Usage: bash bench/steps.sh   (from anywhere; needs mvn with ~/.m2 filled, java, ffmpeg, vipsthumbnail. RUNS=5 by
#        default; STEPS_BENCH_PORTS="28101 28102 28103" are the embedded S3, SQS and DynamoDB ports.)
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
RESULTS=${RESULTS:-bench/results/steps.md}
RUNS=${RUNS:-5}
for tool in mvn java ffmpeg ffprobe vipsthumbnail; do
  command -v "$tool" >/dev/null || { echo "bench/steps.sh needs $tool on the PATH" >&2; exit 1; }
done
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the jar and resolving the test classpath"
  mvn -B -o -q -DskipTests package
  mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
header="$(machine_line) · app JVM: as make run"
echo "== steps benchmark (app log in target/bench-out/pipeline/steps.log)"
table=$(java -Xmx256m -cp "$CP" -Dports="${STEPS_BENCH_PORTS:-28101 28102 28103}" io.aegis.bench.StepsBench target/bench-data/steps "$RUNS")
{
  echo "# Steps in YAML: the pipeline against the tool alone"
  echo
  echo "$header"
  echo
  echo "$table"
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$RESULTS"
