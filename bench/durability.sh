#!/usr/bin/env bash
# Issue 15's figures: the embedded SQS's throughput with its messages persisted (H2, the default now) next to the
# in-memory figure, and the start-up time of `make run` (packaged jar, make run's JVM options), on an empty data
# folder and on a restart. Usage: bash bench/durability.sh (needs mvn with ~/.m2 filled, java, node + npm ci done in
# embedded-dynamodb/). Writes bench/results/durability.md (RESULTS=... to change).
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
RESULTS=${RESULTS:-bench/results/durability.md}
DATA=target/bench-data/durability
JAVA_OPTS=$(sed -n 's/^JAVA_OPTS ?= //p' Makefile)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the jar and resolving the test classpath"
  mvn -B -o -q -DskipTests package
  mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
rm -rf "$DATA"
header="$(machine_line)"

echo "== queue hop: in memory, then persisted"
queues=$(java -Xmx512m -cp "$CP" io.aegis.platform.aws.QueueDurabilityBench "$DATA/queues" "${MESSAGES:-2000}" "${ROUNDS:-3}" 2>/dev/null \
  | grep '^|')

# One start of the jar as `make run` runs it: seconds until the ready banner, the app's own uptime figure, and
# how long the embedded servers took.
start_once() {
  local log="$DATA/start-$1.log" port s3 sqs ddb t0 pid
  port=$(free_port); s3=$(free_port); sqs=$(free_port); ddb=$(free_port)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar target/aegis-0.1.0-SNAPSHOT.jar --server.port="$port" --aegis.embedded.data-dir="$DATA/app" \
    --aegis.embedded.s3-port="$s3" --aegis.embedded.sqs-port="$sqs" --aegis.embedded.dynamodb-port="$ddb" \
    --aegis.media.work-dir="$DATA/app/work" > "$log" 2>&1 &
  pid=$!
  # At most 15 minutes (a heavily shared 2-core machine has needed 4).
  local deadline=$(( $(date +%s) + 900 ))
  until grep -q "Aegis ready in" "$log"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited; see $log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not ready in 15 minutes; see $log" >&2; kill "$pid"; exit 1; }
    sleep 0.2
  done
  local wall=$(( ($(date +%s%N) - t0) / 1000000 ))
  local uptime servers
  uptime=$(grep -o 'Aegis ready in [0-9]* ms' "$log" | grep -o '[0-9]*')
  servers=$(grep -o 'DynamoDB :[0-9]* ready in [0-9]* ms' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*')
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  printf '| %s | %.1f s | %.1f s | %.1f s |\n' "$2" "$(echo "$wall/1000" | bc -l)" "$(echo "$uptime/1000" | bc -l)" \
    "$(echo "$servers/1000" | bc -l)"
}
echo "== make run start-up: empty data folder, then a restart"
starts=$(start_once first "first start, empty data folder"; start_once second "restart (tables, buckets, queues exist)"; \
  start_once third "restart again")
{
  echo "# Durability benchmark (issue 15)"
  echo
  echo "$header"
  echo
  echo "Embedded SQS, send → receive → delete, one message per call, 2 producer + 2 consumer threads (as bench part 1):"
  echo
  echo "| messages | runs × messages | median msg/s | range |"
  echo "|---|---|---:|---|"
  echo "$queues"
  echo
  echo "\`make run\` start-up (packaged jar, JVM: $JAVA_OPTS):"
  echo
  echo "| start | launch → ready banner | app uptime at ready | embedded S3/SQS/DynamoDB ready in |"
  echo "|---|---:|---:|---:|"
  echo "$starts"
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$RESULTS"
rm -rf "$DATA"
