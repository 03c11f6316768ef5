#!/usr/bin/env bash
# CPU per small text job (issue 22): the app JVM (with the embedded S3 and SQS) and dynalite, in CPU-ms per 1 KB text
# job (plan summarize, the pipeline bench's settings), the processes' idle CPU (pollers, timers) subtracted. CPU time
# per job moves far less with the machine's load than jobs/s does, so it compares two builds on a shared machine.
# Usage: bash bench/cpu-per-job.sh [jar=target/aegis-*.jar] [jobs=100]   (JAVA_EXTRA: more JVM options, e.g. a JFR
# recording: JAVA_EXTRA=-XX:StartFlightRecording=filename=target/cpu.jfr,settings=default)
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
JAR=${1:-$(ls target/aegis-*.jar | head -1)}; N=${2:-100}; DIR=$(pwd)/target/bench-data/cpu-per-job
rm -rf "$DIR"; mkdir -p "$DIR"
PORT=$(free_port); B=127.0.0.1:$PORT
AEGIS_DEV_MODE=true java ${JAVA_EXTRA:-} -Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=192m \
  -Xss512k -jar "$JAR" --server.port="$PORT" --aegis.embedded.s3-port="$(free_port)" --aegis.embedded.sqs-port="$(free_port)" \
  --aegis.embedded.dynamodb-port="$(free_port)" --aegis.embedded.data-dir="$DIR/data" --aegis.media.work-dir="$DIR/work" \
  --aegis.plans.text=summarize --aegis.routes.watch=false --aegis.tenant-jobs.max-running=64 \
  --aegis.security.rate-limit.capacity=0 --aegis.tenant-jobs.max-queued=0 --aegis.tenant-jobs.max-pending-uploads=0 \
  --aegis.api.uploads.queue=256 --aegis.api.uploads.per-tenant=0 --aegis.api.uploads.per-caller=0 > "$DIR/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null' EXIT
for i in $(seq 1 240); do curl -fs "$B/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
NODE=$(pgrep -f "server.js.*--path $DIR/" | head -1)
[ -n "$NODE" ] && [ -r "/proc/$APP/stat" ] || { echo "the app or its dynalite did not start: $DIR/app.log"; exit 1; }
TOKEN=$(curl -s -u aegis-local:aegis-local-secret -d 'grant_type=client_credentials&scope=media%3Aread%20media%3Awrite' \
  "$B/oauth2/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
printf 'Text line %s about pipelines and queues. Another sentence here for the summary. ' $(seq 1 12) > "$DIR/t.txt"
up() { curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -F "file=@$DIR/t.txt;filename=n-$1.txt" "$B/v1/upload"; }
succeeded() { grep -c "io.aegis.orchestrate.JobLifecycle *: job .* succeeded" "$DIR/app.log"; }
await() { for i in $(seq 1 1200); do [ "$(succeeded)" -ge "$1" ] && return; sleep 0.5; done; echo "only $(succeeded) of $1 succeeded"; }
ticks() { echo "$(awk '{print $14+$15}' /proc/$APP/stat) $(awk '{print $14+$15}' /proc/$NODE/stat)"; }
header=$(machine_line)
for i in $(seq 1 40); do up "w$i"; done; await 40; sleep 5          # warm-up
read -r I0 J0 < <(ticks); S0=$(date +%s.%N); sleep 20; read -r I1 J1 < <(ticks); S1=$(date +%s.%N)   # idle rate
read -r A0 D0 < <(ticks); T0=$(date +%s.%N)
pids=(); for p in 1 2 3 4; do (for i in $(seq "$p" 4 "$N"); do up "j$i"; done) & pids+=($!); done; wait "${pids[@]}"   # not the app
await $((40 + N))
read -r A1 D1 < <(ticks); T1=$(date +%s.%N)
python3 -c "
n=$N; hz=$(getconf CLK_TCK); t=$T1-$T0; idle=$S1-$S0
ia=($I1-$I0)/idle; idd=($J1-$J0)/idle
a=(($A1-$A0)-ia*t)*1000/hz/n; d=(($D1-$D0)-idd*t)*1000/hz/n
print(f'$header · $(basename "$JAR"): {n} jobs in {t:.1f} s; CPU per job, idle subtracted (idle: app {ia*1000/hz:.0f}, dynalite {idd*1000/hz:.0f} CPU-ms/s): app JVM {a:.1f} ms, dynalite {d:.1f} ms, sum {a+d:.1f} ms; load after {\" \".join(open(\"/proc/loadavg\").read().split()[:3])}')"
