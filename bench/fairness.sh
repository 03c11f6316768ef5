#!/usr/bin/env bash
# Issue 22 item 1: the tenant limit must not idle the machine. 16 JPEGs of 12 MP by one tenant under the default
# limit vs no limit (same run), and two tenants at once. Usage: bash bench/fairness.sh (needs mvn, java, ffmpeg).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RESULTS=${RESULTS:-bench/results/fairness.md}
JPEGS=${JPEGS:-target/bench-data/jpeg12mp}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -o -q -DskipTests package
  mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
bash bench/jpegs.sh 20 "$JPEGS"
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
header="$(machine_line) · app JVM as make run, default plan"
table=$(java -Xmx512m -cp "$CP" io.aegis.bench.TenantFairnessBench "$JPEGS")
{ echo "# Tenant fairness benchmark"; echo; echo "$header"; echo; echo "$table"; } | tee "$RESULTS"
