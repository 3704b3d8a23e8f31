# The project's vocabulary. `make run` and `make test` are all a newcomer needs.
.PHONY: setup run shell test test-deps validate bench bench-scorer bench-scorer-dev bench-nlu lock train clean

# Offline product: Rasa must never phone home (telemetry, error reports).
export RASA_TELEMETRY_ENABLED := false

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa

setup:            ## venv + pinned packages + web assets + trained models (only what changed)
	@bash scripts/setup.sh

run: setup        ## start the action server, Rasa and the web app; prints where to go
	@bash scripts/run.sh

shell: setup      ## practise in the terminal (rasa shell + action server)
	@bash scripts/shell.sh

validate: setup   ## scenario files, Rasa training data and stories
	@$(VENV)/bin/bot validate
	@$(RASA) data validate --quiet --fail-on-warnings

test: setup test-deps validate   ## the whole suite, as CI runs it
	@bash scripts/test.sh

test-deps:        ## Chromium (browser tests) and PostgreSQL (tracker-store test) from Debian
	@bash scripts/test-deps.sh

bench: setup      ## REST latency, start-up and training time; scorer and NLU accuracy
	@$(PY) bench/bench_rasa.py
	@$(PY) bench/bench_scorer.py
	@$(PY) bench/nlu_eval.py

bench-scorer: setup
	@$(PY) bench/bench_scorer.py

bench-scorer-dev: setup  ## scorer on the dev replies written after its rules (never reads test)
	@$(PY) bench/dev_scorer.py --tune-on-fresh

bench-nlu: setup
	@$(PY) bench/nlu_eval.py

lock:             ## re-pin requirements.in into requirements.lock (needs uv)
	uv pip compile --python-version 3.10 requirements.in -o requirements.lock

clean:
	rm -rf models .stamps bot/scoring/model bot/web/static/vendor web/node_modules tmp
