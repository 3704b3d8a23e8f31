#!/usr/bin/env bash
# Idempotent set-up: Python 3.10 venv, pinned packages, web assets, trained
# models. Each step runs only when its inputs changed (hashes under .stamps/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # actions/ and rasa_addons/ import from the project root

VENV=.venv
STAMPS=.stamps
mkdir -p "$STAMPS"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# hash of files/folders given, so a step re-runs when its inputs change
# (paths that do not exist simply contribute nothing)
inputs_hash() {
  { find "$@" -type f -not -path '*/__pycache__/*' -not -path '*/model/*' -print0 2>/dev/null || true; } |
    sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-16
}
up_to_date() { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }
mark_done() { echo "$2" > "$STAMPS/$1"; }

find_python310() {
  local candidates=("${PYTHON310:-}" python3.10)
  if command -v pyenv >/dev/null 2>&1; then
    candidates+=("$(pyenv root)"/versions/3.10.*/bin/python3.10)
  fi
  candidates+=("$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
  for candidate in "${candidates[@]}"; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# 1. the virtual environment
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  PY=$(find_python310) || {
    echo "error: Rasa 3.6 needs Python 3.10 and none was found." >&2
    echo "       Install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10." >&2
    exit 1
  }
  say "creating $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  rm -f "$STAMPS"/*
fi

# 2. pinned packages (uv installs a lock file in a fraction of pip's time)
hash=$(inputs_hash requirements.lock pyproject.toml)
if ! up_to_date packages "$hash"; then
  say "installing requirements.lock"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
  "$VENV/bin/uv" pip sync --quiet --compile-bytecode --python "$VENV/bin/python" requirements.lock
  "$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" --no-deps -e .
  mark_done packages "$hash"
fi

# Rasa's telemetry and error reports would try to reach the internet: off for good
# (also for plain `rasa shell` run by hand).
export RASA_TELEMETRY_ENABLED=false
if [ ! -f "$STAMPS/telemetry-off" ]; then
  "$VENV/bin/rasa" telemetry disable >/dev/null 2>&1 && touch "$STAMPS/telemetry-off"
fi

# 3. browser assets vendored from the npm registry (nothing is fetched at run time)
hash=$(inputs_hash web/package.json web/package-lock.json web/build.sh)
if [ -f web/package.json ] && { ! up_to_date web "$hash" || [ ! -d bot/web/static/vendor ]; }; then
  say "vendoring web assets from npm"
  bash web/build.sh
  mark_done web "$hash"
fi

# 4. the reply scorer (deterministic; artifacts are not committed)
hash=$(inputs_hash bot/scoring)
if ! up_to_date scorer "$hash" || [ ! -d bot/scoring/model ]; then
  say "training the reply scorer"
  "$VENV/bin/python" -m bot.scoring.train
  # training files new reply ids into data/splits.json: stamp what it left behind
  mark_done scorer "$(inputs_hash bot/scoring)"
fi

# 5. the Rasa model
hash=$(inputs_hash config.yml domain.yml data rasa_addons)
if ! up_to_date rasa "$hash" || ! ls models/*.tar.gz >/dev/null 2>&1; then
  say "training the Rasa model"
  rm -rf models
  "$VENV/bin/rasa" train --fixed-model-name coach --out models --quiet
  mark_done rasa "$hash"
fi

say "set-up complete"
