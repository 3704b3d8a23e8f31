#!/usr/bin/env bash
# The whole suite: story tests, NLU evaluation per language, then pytest
# (unit, actions, scorer, end-to-end through real servers, browser, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # actions/ and rasa_addons/ import from the project root
export RASA_TELEMETRY_ENABLED=false  # offline: no telemetry, no error reports
mkdir -p artifacts

echo "==> rasa test core: tests/test_stories.yml"
.venv/bin/rasa test core --model models --stories tests/test_stories.yml \
  --fail-on-prediction-errors --out artifacts/rasa-test-core --quiet

echo "==> NLU evaluation per language (held-out split)"
.venv/bin/python bench/nlu_eval.py | tee artifacts/nlu-eval.txt

echo "==> pytest"
.venv/bin/python -m pytest -ra "$@"
