#!/usr/bin/env bash
# Quality harness (issue 20): OCR word accuracy, tag precision, search MRR and no-answer accuracy of the packaged app
# on the labelled set in bench/quality/ (documents from Debian packages, pictures, a scanned PDF and speech made with
# Debian tools). Usage: bash bench/quality.sh   (or `make bench-quality`; needs mvn with ~/.m2 filled, java and the
# tools make-set.sh names). RESULTS=file sets where the table goes (default bench/results/quality.md); LABEL names the
# run in its heading; APP_PROPERTIES=key=value,... passes settings to the app (e.g. to try another relevance floor);
# CALIBRATE=1 runs with the relevance floor off and replays every pair of thresholds on the results.
set -euo pipefail

cd "$(dirname "$0")/.."
RESULTS=${RESULTS:-bench/results/quality.md}
LABEL=${LABEL:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
SET=target/bench-data/quality/set
CALIBRATE=${CALIBRATE:-0}
if [ "$CALIBRATE" = 1 ]; then
  APP_PROPERTIES="aegis.search.min-meaning=0,aegis.search.min-words=0${APP_PROPERTIES:+,$APP_PROPERTIES}"
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the jar and resolving the test classpath"
  mvn -B -o -q -DskipTests package
  mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
echo "== labelled set"
bash bench/quality/make-set.sh "$SET"

header="$(date -u '+%Y-%m-%d %H:%M UTC') · $LABEL · nproc=$(nproc) · load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== quality harness (app log in target/bench-out/pipeline/quality.log)"
start=$(date +%s)
table=$(java -Xmx512m -cp "$CP" -DappProperties="${APP_PROPERTIES:-}" -Dcalibrate="$([ "$CALIBRATE" = 1 ] && echo true || echo false)" -DreadyMinutes=15 io.aegis.bench.QualityBench bench/quality/labels.json "$SET")
took=$(( $(date +%s) - start ))
{
  echo "# Quality harness"
  echo
  echo "$header"
  echo
  echo "$table"
  echo
  echo "Took ${took} s."
} | tee "$RESULTS"
