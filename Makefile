# The two commands a newcomer needs: `make run` and `make test`. Everything else is here for them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# pip compiles every installed file one by one; compileall afterwards does it on every core (the .pyc files
# matter: with PYTHONDONTWRITEBYTECODE set, as here, nothing is compiled later and every process would
# compile its imports again).
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check --no-compile
STAMP := $(VENV)/.setup-done

.PHONY: setup run test test-fast lint eval bench clean

setup: $(STAMP)

# torch first, pinned, so that sentence-transformers finds it and does not pull the CUDA build.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) torch==2.13.0
	@$(PIP) -e '.[test,milvus]'
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib bot index seeds_loader > /dev/null || true
	@touch $(STAMP)

run: setup
	@$(BIN)/summitbot run

# The fast tier first (under a minute: no model, no subprocesses, no Milvus), then the rest; both on
# pytest-xdist workers (the model's export and the dev-set indexes are built once and shared by them).
# Both tiers wait on servers and subprocesses: one worker more than cores keeps the cores busy.
JOBS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(JOBS) -m "not slow and not integration"
	$(BIN)/python -m pytest -n $(JOBS) -m "slow or integration"

test-fast: setup
	$(BIN)/python -m pytest -n $(JOBS) -m "not slow and not integration"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Both dev sets, each in a temporary index: the seeds alone, and the dev pack indexed with the seeds.
eval: setup
	$(BIN)/summitbot eval tests/dev_qa.jsonl --articles seeds_loader/demo_articles -v
	$(BIN)/summitbot eval tests/dev_coverage/qa.jsonl --articles seeds_loader/demo_articles \
		--articles tests/dev_coverage/articles -v

bench: setup
	$(BIN)/python bench/answer_speed.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache *.egg-info
