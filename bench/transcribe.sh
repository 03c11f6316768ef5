#!/usr/bin/env bash
# Transcription speed and accuracy: the pipeline's transcribe step (1 and 2 chunks at a time) against
# pocketsphinx_continuous called directly on the same speech WAV.
# Usage: bash bench/transcribe.sh   (from anywhere; needs mvn with ~/.m2 filled, java, ffmpeg, flite,
#        pocketsphinx_continuous, curl, python3; REPEATS=3 uploads per pipeline variant unless set)
set -euo pipefail

cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
PORT=18480
BASE=http://localhost:$PORT
JAR=target/aegis-0.1.0-SNAPSHOT.jar
DATA=target/bench-data/speech
OUT=target/bench-out/transcribe
RESULTS=bench/results/transcription.md
# The heap and collector of `make run`, so the numbers describe the app as deployed.
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}
TICKS=$(getconf CLK_TCK)

for tool in mvn java ffmpeg flite pocketsphinx_continuous curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/transcribe.sh needs $tool on the PATH" >&2; exit 1; }
done

echo "== building the jar"
mvn -B -o -q -DskipTests package

# The reference transcript: plain sentences with numbers spelled out, so scoring needs no normalisation rules.
REFERENCE_TEXT=$(cat <<'TEXT'
The river town woke slowly on the first cold morning of the autumn. Smoke rose from the chimneys and drifted over the water, and the boats along the wooden dock knocked gently against their ropes. A baker opened his shutters and set a row of warm loaves in the window. Children ran past with their books under their arms, and a dog followed them as far as the corner before it lost interest and lay down in the sun.

Every town has a story about how it began, and this one is no different. Long ago a family of farmers came down the valley with two horses and a cart full of seed. They chose the flat land near the bend in the river because the soil was dark and the water was close. In the first year the rain came late and the harvest was small. In the second year the river rose over its banks and carried away half of the fence. But in the third year the wheat stood tall and golden, and other families came to join them.

The people built a school before they built a church, and they built a library before they built a bank. They believed that a child who could read would never be truly poor. The library was a single room with a stove in the corner and three long shelves. On winter evenings the farmers would gather there to read the newspaper aloud and argue about the price of grain. Some of those arguments lasted until midnight, and a few of them lasted for years.

A good map is a promise that the world can be understood. When the surveyors arrived they walked every road and measured every field. They wrote down the height of the hills and the depth of the wells. Their work was slow and careful, and they made many mistakes, but each mistake taught them something new. When the map was finished it hung on the wall of the town hall, and people would stand in front of it and search for their own houses.

Music was always part of life in the valley. On summer nights a small band played in the square, with a fiddle, a drum and an old brass horn. The young people danced while their parents sat on benches and talked about the weather. Nobody remembered who had written most of the songs, but everyone knew the words. When the band stopped to rest, the crickets in the long grass kept the rhythm going.

The railway came when the town was almost fifty years old. At first many people were afraid of the noise and the smoke, and some of them said that the trains would ruin the quiet life they loved. But the railway also brought letters, medicine and visitors from distant cities. Within a few seasons the station became the busiest place in town. The station master knew every passenger by name, and he kept a jar of sweets on his desk for the children who came to watch the engines.

Winter in the valley was long and hard. Snow covered the roads for weeks at a time, and the river froze so thick that wagons could cross it. Families stored apples and potatoes in their cellars and hung smoked meat from the beams of their kitchens. In the evenings they told stories by the fire, and the old people remembered the years when the snow was even deeper. When spring finally arrived, everyone went outside to feel the warm wind on their faces.

Today the town is larger, and the farms have become fewer, but the river still bends in the same place. The library has grown into a handsome building with tall windows and a garden. Students come from nearby villages to study there, and the old map still hangs in the town hall. If you stand on the bridge at sunset you can watch the light fade over the water, and you can imagine the first family arriving with their cart and their horses, full of hope for a better life.
TEXT
)

# flite's slt voice reads the reference (about 3.3 minutes); ffmpeg writes 16 kHz mono s16le with a bare 44-byte
# header, as extract-audio does (pocketsphinx 0.8 skips exactly 44 bytes). Regenerated when the text changes.
mkdir -p "$DATA" "$OUT"
to_speech_wav() { # out ffmpeg-input-args...
  local out=$1; shift
  ffmpeg -v error -y "$@" -map_metadata -1 -fflags +bitexact -ac 1 -ar 16000 -c:a pcm_s16le -f wav "$out"
}
if [ ! -f "$DATA/speech.wav" ] || [ "$(cat "$DATA/reference.txt" 2>/dev/null)" != "$REFERENCE_TEXT" ]; then
  echo "== generating the speech WAV in $DATA (once)"
  rm -f "$DATA"/*.wav
  printf '%s\n' "$REFERENCE_TEXT" >"$DATA/reference.txt"
  flite -voice slt -f "$DATA/reference.txt" -o "$DATA/flite.wav"
  to_speech_wav "$DATA/speech.tmp.wav" -i "$DATA/flite.wav"
  half=$(awk -v b="$(stat -c %s "$DATA/speech.tmp.wav")" 'BEGIN { printf "%.3f", (b - 44) / 32000 / 2 }')
  # Variant (b) cuts at the exact middle, wherever that falls in a word: what a naive split costs.
  to_speech_wav "$DATA/half-1.wav" -i "$DATA/speech.tmp.wav" -t "$half"
  to_speech_wav "$DATA/half-2.wav" -ss "$half" -i "$DATA/speech.tmp.wav"
  to_speech_wav "$DATA/warm-up.wav" -i "$DATA/speech.tmp.wav" -t 10
  rm "$DATA/flite.wav" && mv "$DATA/speech.tmp.wav" "$DATA/speech.wav"
fi
WAV=$DATA/speech.wav
AUDIO_S=$(awk -v b="$(stat -c %s "$WAV")" 'BEGIN { printf "%.1f", (b - 44) / 32000 }')

# JSON fields, ISO times, medians and word error rate (Levenshtein over lower-cased words, with S/D/I counts).
py() {
  python3 - "$@" <<'PY'
import json, re, statistics, sys
from datetime import datetime

def words(text):
    return re.sub(r"[^a-z']+", " ", text.lower()).split()

def instant(value):
    if isinstance(value, (int, float)):
        return float(value)
    return datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", value.replace("Z", "+00:00"))).timestamp()

command, args = sys.argv[1], sys.argv[2:]
if command == "field":  # file dotted.path
    value = json.load(open(args[0]))
    for key in args[1].split("."):
        value = value.get(key) if isinstance(value, dict) else None
    print("" if value is None else value)
elif command == "step-seconds":  # job.json step-name
    step = next(s for s in json.load(open(args[0]))["steps"] if s["name"] == args[1])
    print(f'{instant(step["finishedAt"]) - instant(step["startedAt"]):.2f}')
elif command == "hypothesis":  # pocketsphinx -time yes output: the lines that are not "word start end confidence"
    word_line = re.compile(r"\S+ \d+(\.\d+)? \d+(\.\d+)? -?[\d.eE-]+")
    print(" ".join(l.strip() for f in args for l in open(f) if l.strip() and not word_line.fullmatch(l.strip())))
elif command == "wer":  # reference.txt hypothesis.txt -> "wer% S D I"
    ref, hyp = words(open(args[0]).read()), words(open(args[1]).read())
    previous = [(j, 0, 0, j) for j in range(len(hyp) + 1)]  # (errors, substitutions, deletions, insertions)
    for i in range(1, len(ref) + 1):
        current = [(i, 0, i, 0)]
        for j in range(1, len(hyp) + 1):
            d, u, l = previous[j - 1], previous[j], current[j - 1]
            current.append(d if ref[i - 1] == hyp[j - 1] else min(
                (d[0] + 1, d[1] + 1, d[2], d[3]), (u[0] + 1, u[1], u[2] + 1, u[3]), (l[0] + 1, l[1], l[2], l[3] + 1)))
        previous = current
    errors, s, d, i = previous[-1]
    print(f"{100 * errors / len(ref):.1f} {s} {d} {i}")
elif command == "median":
    print(f"{statistics.median(float(a) for a in args):.2f}")
PY
}

now_ms() { date +%s%3N; }
seconds_since() { awk -v t0="$1" -v t1="$(now_ms)" 'BEGIN { printf "%.2f", (t1 - t0) / 1000 }'; }
# CPU time (user + system, children included) of a command, in s, written to $CPU_FILE.
CPU_FILE=$(mktemp)
cpu_of() { local TIMEFORMAT='%3U %3S'; { time "$@" 2>&3; } 3>&2 2>"$CPU_FILE"; }
cpu_s() { awk '{ printf "%.1f", $1 + $2 }' "$CPU_FILE"; }
# CPU seconds of a process itself and of its reaped children (the tools the app ran), from /proc/<pid>/stat.
proc_cpu() { awk -v hz="$TICKS" '{ printf "%.2f %.2f\n", ($14 + $15) / hz, ($16 + $17) / hz }' "/proc/$1/stat"; }

APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
}
trap 'stop_app; rm -rf "$CPU_FILE" target/bench-data/app-$$-p*' EXIT

declare -A SECONDS_OF CPU WER RUNS JVM_CPU
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

score() { # key hypothesis-file
  local s d i
  read -r "WER[$1]" s d i < <(py wer "$DATA/reference.txt" "$2")
  WER[$1]="${WER[$1]} % ($s/$d/$i)"
}

sphinx() { # wav stdout-file; the arguments of io.aegis.media.audio.PocketsphinxCommand
  pocketsphinx_continuous -infile "$1" -time yes -logfn /dev/null >"$2"
}
sphinx "$DATA/warm-up.wav" "$OUT/warm-up.out"   # page cache: binary, acoustic model, dictionary

echo "== (a) pocketsphinx_continuous, whole file"
t0=$(now_ms)
cpu_of sphinx "$WAV" "$OUT/direct.out"
SECONDS_OF[a]=$(seconds_since "$t0"); CPU[a]=$(cpu_s)
py hypothesis "$OUT/direct.out" >"$OUT/direct.txt"; score a "$OUT/direct.txt"

echo "== (b) pocketsphinx_continuous, 2 halves in parallel"
both_halves() { sphinx "$DATA/half-1.wav" "$OUT/half-1.out" & sphinx "$DATA/half-2.wav" "$OUT/half-2.out" & wait; }
t0=$(now_ms)
cpu_of both_halves
SECONDS_OF[b]=$(seconds_since "$t0"); CPU[b]=$(cpu_s)
py hypothesis "$OUT/half-1.out" "$OUT/half-2.out" >"$OUT/halves.txt"; score b "$OUT/halves.txt"

start_app() { # parallel-chunks
  local data_dir="target/bench-data/app-$$-p$1"
  rm -rf "$data_dir"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --server.port=$PORT --aegis.embedded.data-dir="$data_dir" \
    --aegis.embedded.s3-port=29090 --aegis.embedded.sqs-port=29324 --aegis.embedded.dynamodb-port=28000 \
    --aegis.embedded.dynamodb-in-memory=true --aegis.security.local-issuer=$BASE --aegis.upload.max-bytes=200MB \
    --aegis.media.transcribe.parallel-chunks="$1" >"$OUT/app-p$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 300); do
    curl -sf "$BASE/actuator/health/readiness" >/dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  echo "the app did not become ready; end of $OUT/app-p$1.log:" >&2; tail -30 "$OUT/app-p$1.log" >&2; exit 1
}

# Uploads a WAV and waits for its job; leaves job.json and asset.json in $OUT. Tokens live 5 minutes: one per upload.
transcribe_once() { # wav
  local token job
  token=$(curl -sf -u aegis-local:aegis-local-secret -d grant_type=client_credentials \
    -d scope="media:read media:write" "$BASE/oauth2/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -sf -H "Authorization: Bearer $token" -F "file=@$1;type=audio/wav" "$BASE/v1/upload" >"$OUT/upload.json"
  job=$(py field "$OUT/upload.json" jobId)
  for _ in $(seq 1800); do
    curl -sf -H "Authorization: Bearer $token" "$BASE/v1/jobs/$job" >"$OUT/job.json"
    case $(py field "$OUT/job.json" status) in
      SUCCEEDED) break ;;
      FAILED) echo "job $job FAILED:" >&2; cat "$OUT/job.json" >&2; exit 1 ;;
    esac
    sleep 1
  done
  [ "$(py field "$OUT/job.json" status)" = SUCCEEDED ] || { echo "job $job did not finish" >&2; exit 1; }
  curl -sf -H "Authorization: Bearer $token" "$BASE/v1/assets/$(py field "$OUT/job.json" assetId)" >"$OUT/asset.json"
}

pipeline() { # key parallel-chunks
  echo "== ($1) pipeline, parallel-chunks=$2"
  start_app "$2"
  transcribe_once "$DATA/warm-up.wav"   # JIT, connection pools, page cache
  local times="" tools="" jvm="" run step before after
  for run in $(seq "$REPEATS"); do
    read -r -a before < <(proc_cpu "$APP_PID")
    transcribe_once "$WAV"
    read -r -a after < <(proc_cpu "$APP_PID")
    step=$(py step-seconds "$OUT/job.json" transcribe)
    py field "$OUT/asset.json" insights.transcript.text >"$OUT/pipeline-p$2-run$run.txt"
    score "$1" "$OUT/pipeline-p$2-run$run.txt"
    times+=" $step"
    tools+=" $(awk -v a="${before[1]}" -v b="${after[1]}" 'BEGIN { printf "%.1f", b - a }')"
    jvm+=" $(awk -v a="${before[0]}" -v b="${after[0]}" 'BEGIN { printf "%.1f", b - a }')"
    echo "   run $run: transcribe step $step s, tool CPU ${tools##* } s, app JVM CPU ${jvm##* } s, WER ${WER[$1]}"
  done
  # shellcheck disable=SC2086
  SECONDS_OF[$1]=$(py median $times)
  # shellcheck disable=SC2086
  CPU[$1]=$(printf '%.1f' "$(py median $tools)"); JVM_CPU[$1]=$(printf '%.1f' "$(py median $jvm)")
  RUNS[$1]=${times# }
  stop_app
  rm -rf "target/bench-data/app-$$-p$2"
}
pipeline c 1
pipeline d 2

rtf() { awk -v s="${SECONDS_OF[$1]}" -v a="$AUDIO_S" 'BEGIN { printf "%.3f", s / a }'; }
ratio() { awk -v s="${SECONDS_OF[$1]}" -v d="${SECONDS_OF[a]}" 'BEGIN { printf "%.2f", d / s }'; }
row() { echo "| $1 | $AUDIO_S | ${SECONDS_OF[$2]} | $(rtf "$2") | $(ratio "$2") | ${WER[$2]} | ${CPU[$2]} |"; }
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Transcription speed and accuracy"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · nproc=$(nproc) · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
       "· load average before: $LOAD_BEFORE · JAVA_OPTS=$JAVA_OPTS · pocketsphinx $(dpkg-query -W -f='${Version}' pocketsphinx 2>/dev/null || echo '?')"
  echo
  echo "$(wc -w <"$DATA/reference.txt") words of English read by flite (voice slt): ${AUDIO_S} s of 16 kHz mono WAV." \
       "Pipeline rows are the median of $REPEATS uploads of the transcribe step's finishedAt − startedAt (chunk-seconds 60)."
  echo
  echo "| variant | audio s | processing s | real-time factor | throughput ratio vs direct | WER (S/D/I) | CPU s |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  row "(a) pocketsphinx_continuous, whole file (direct)" a
  row "(b) pocketsphinx_continuous, 2 halves in parallel" b
  row "(c) pipeline, parallel-chunks=1" c
  row "(d) pipeline, parallel-chunks=2" d
  echo
  echo "Targets: pipeline throughput ≥ 0.9 × direct (ratio column ≥ 0.90); pipeline WER ≤ direct's (${WER[a]%% *} %)."
  echo
  echo "Transcribe step runs (s): (c) ${RUNS[c]}; (d) ${RUNS[d]}. The app JVM's own CPU per job (median): (c) ${JVM_CPU[c]} s, (d) ${JVM_CPU[d]} s."
  echo "CPU s is user + system: of pocketsphinx in (a) and (b); in (c) and (d), of the processes the app ran for the job"
  echo "(ffprobe, ffmpeg, pocketsphinx per chunk). Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$RESULTS"
