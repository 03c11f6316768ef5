#!/usr/bin/env bash
# The shared search store's stand-in: PGlite (PostgreSQL compiled to WebAssembly, src/test/pglite) with pgvector,
# served over the wire protocol. Measures start-up (fresh and on a kept folder), searches per second with 1 and 4
# concurrent connections (through pglite-server's multiplexer), and that rows survive a restart.
# Usage: bash bench/pgvector.sh   (ROWS=5000 SECONDS_PER_RUN=15 PORT=26510). Results: bench/README.md "Search store".
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-5000}
RUN=${SECONDS_PER_RUN:-15}
PORT=${PORT:-26510}
DIR=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
(cd src/test/pglite && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error)
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qtA)

serve() {
  local started=$(date +%s.%N)
  node src/test/pglite/node_modules/.bin/pglite-server --db="$DIR/db" --port="$PORT" \
    --extensions=@electric-sql/pglite-pgvector:vector --max-connections=8 > "$DIR/server.log" 2>&1 &
  SERVER=$!
  until grep -q listening "$DIR/server.log"; do sleep 0.1; done
  echo "$1: listening after $(echo "$(date +%s.%N) - $started" | bc) s"
}

serve "start-up, new folder (initdb)"
"${PSQL[@]}" <<SQL
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE chunks (id serial PRIMARY KEY, tenant text, embedding vector(384));
INSERT INTO chunks (tenant, embedding)
  SELECT 't' || (g % 10), (SELECT array_agg(random())::vector FROM generate_series(1, 384) WHERE g > 0)
  FROM generate_series(1, $ROWS) g;
SQL
echo "rows: $("${PSQL[@]}" -c 'SELECT count(*) FROM chunks')"
cat > "$DIR/search.sql" <<'SQL'
\set t random(0, 9)
SELECT id FROM chunks WHERE tenant = 't' || :t
  ORDER BY embedding <=> (SELECT array_agg(random())::vector FROM generate_series(1, 384)) LIMIT 10;
SQL
for clients in 1 4; do
  echo "search, $clients connection(s): $(pgbench -h 127.0.0.1 -p "$PORT" -U postgres -n -c "$clients" -j "$clients" \
    -T "$RUN" -f "$DIR/search.sql" postgres 2>/dev/null | grep -E '^tps|latency average' | tr '\n' ' ')"
done
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
serve "start-up, kept folder"
echo "rows after a restart: $("${PSQL[@]}" -c 'SELECT count(*) FROM chunks')"
