#!/usr/bin/env bash
# Starts the action server, the Rasa server and the web app; stops them all on Ctrl-C.
#   DB=postgres  use endpoints.postgres.yml (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD)
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # actions/ and rasa_addons/ import from the project root
export RASA_TELEMETRY_ENABLED=false  # offline: no telemetry, no error reports
# library deprecation warnings are noise to a trainee at the terminal
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore} SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=3

ACTION_PORT=5055  # must match action_endpoint in endpoints*.yml
RASA_PORT=${RASA_PORT:-5005}
WEB_PORT=${WEB_PORT:-8000}
mkdir -p tmp

# Rasa's HTTP API is on, so it is protected by a token (kept out of git).
if [ -z "${RASA_TOKEN:-}" ]; then
  [ -s .rasa-token ] || (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))' > .rasa-token)
  RASA_TOKEN=$(cat .rasa-token)
fi

if [ "${DB:-sqlite}" = postgres ]; then
  ENDPOINTS=endpoints.postgres.yml
  export DATABASE_URL=${DATABASE_URL:-postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/${PGDATABASE}}
else
  ENDPOINTS=endpoints.yml
  export DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/rasa.db}
fi

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" > tmp/actions.log 2>&1 &
pids+=($!)
RASA_PORT=$RASA_PORT .venv/bin/python -m bot.web.app --port "$WEB_PORT" > tmp/web.log 2>&1 &
pids+=($!)
.venv/bin/rasa run --model models --endpoints "$ENDPOINTS" --credentials credentials.yml \
  --port "$RASA_PORT" --enable-api --auth-token "$RASA_TOKEN" --cors "*" > tmp/rasa.log 2>&1 &
pids+=($!)

printf 'starting servers (logs in tmp/*.log) '
for _ in $(seq 1 180); do
  if curl -fs "http://localhost:$RASA_PORT/status?token=$RASA_TOKEN" >/dev/null 2>&1 &&
     curl -fs "http://localhost:$ACTION_PORT/health" >/dev/null 2>&1 &&
     curl -fs "http://localhost:$WEB_PORT/" >/dev/null 2>&1; then
    break
  fi
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo; echo "a server exited; see tmp/*.log" >&2; tail -n 20 tmp/*.log >&2; exit 1; }; done
  printf '.'; sleep 1
done
echo
cat <<MSG

  Service Coach is running.

  Trainees:   http://localhost:$WEB_PORT/          (chat page: pick a scenario, role-play, get a scorecard)
  Trainers:   http://localhost:$WEB_PORT/review    (add an account first: .venv/bin/bot trainer add NAME)
  Terminal:   make shell    (or: .venv/bin/rasa shell -p 5006, with this running)
  REST:       POST http://localhost:$RASA_PORT/webhooks/rest/webhook  {"sender": "me", "message": "/start"}
  Rasa API:   token in .rasa-token    Database: $DATABASE_URL

  Ctrl-C stops everything.
MSG
wait -n "${pids[@]}"
echo "a server stopped; see tmp/*.log" >&2
