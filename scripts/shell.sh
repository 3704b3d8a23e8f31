#!/usr/bin/env bash
# Practise in the terminal: the action server in the background, then `rasa shell`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # actions/ and rasa_addons/ import from the project root
export RASA_TELEMETRY_ENABLED=false  # offline: no telemetry, no error reports
# library deprecation warnings are noise to a trainee at the terminal
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore} SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=3
ACTION_PORT=5055  # must match action_endpoint in endpoints.yml
mkdir -p tmp
started=""
if ! curl -fs "http://localhost:$ACTION_PORT/health" >/dev/null 2>&1; then
  .venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" > tmp/actions-shell.log 2>&1 &
  started=$!
  trap 'kill $started 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "http://localhost:$ACTION_PORT/health" >/dev/null 2>&1 && break; sleep 1; done
fi
echo "Type /start (or hello / 你好) for the scenario menu; /hint, /coach off, /end_roleplay, /restart. Ctrl-D quits."
# port 5006 so that this also works while `make run` holds 5005
.venv/bin/rasa shell --model models --endpoints endpoints.yml --port "${SHELL_PORT:-5006}" --quiet
