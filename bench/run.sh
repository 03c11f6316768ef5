#!/usr/bin/env bash
# Every benchmark in turn (`make bench`); each prints its table and writes it to bench/results/.
set -euo pipefail

cd "$(dirname "$0")/.."
bash bench/thumbnails.sh
bash bench/transcribe.sh
bash bench/pipeline.sh
