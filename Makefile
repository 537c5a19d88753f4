# Wuye — the two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Tests run in parallel on every core the machine has (2 here).
JOBS ?= auto
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test bench lint format venv system-deps constraints clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## make run: install, migrate the embedded SQLite database, seed demo data if empty, serve on HOST:PORT.
run: $(STAMP)
	WUYE_ENV=development $(PY) manage.py migrate --noinput -v 0
	WUYE_ENV=development $(PY) manage.py seed_demo --if-empty
	WUYE_ENV=development $(PY) manage.py serve

## make test: lint, migration check and the whole suite (in parallel, a file per worker at a time, so a
## module builds its shared fixtures once).
test: $(STAMP) lint
	WUYE_ENV=test $(PY) manage.py makemigrations --check --dry-run -v 1
	$(PY) -m pytest -n $(JOBS) --dist loadfile -q

## make bench: time the compliance checks on a synthetic region in PostgreSQL (not part of make test), three
## suites: the rolling duties on a year of rounds, the money checks of 1.5/1.6 on a year of bills,
## payments and statements (400 households a project; the findings must equal the seeded faults). 1,000
## projects (and 250, for memory); BENCH_PROJECTS=250,1000 picks the sizes, BENCH_SUITE=rounds|fees|oversight
## one suite (oversight: the regulator's dashboard, a ranking page and a project scorecard served by gunicorn
## to 10 concurrent clients, median and p95 beside /healthz's; onboarding, not in all, with BENCH_PROJECTS=200:
## the Excel onboarding import of a generated book), BENCH_HOUSEHOLDS=400 the fee suite's
## households per project (one number or one per size). Needs the PostgreSQL service (BENCH_DATABASE_URL,
## default postgres://postgres@127.0.0.1:5432/wuye_bench: databases wuye_bench_<size>,
## wuye_bench_fees_<size>, wuye_bench_oversight_<size> and wuye_bench_onboarding).
bench: $(STAMP)
	WUYE_ENV=development DEBUG=false $(PY) manage.py bench --suite $(or $(BENCH_SUITE),all) \
		$(if $(BENCH_PROJECTS),--projects $(BENCH_PROJECTS)) $(if $(BENCH_HOUSEHOLDS),--households $(BENCH_HOUSEHOLDS))

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## System packages (Debian): a CJK font for PDFs, Chromium for browser tests, gettext (msgfmt) for the catalogue check. Needs root; CI calls it.
system-deps:
	@if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
		echo "system-deps: not root or no apt-get; install fonts-wqy-microhei and chromium yourself."; \
	elif dpkg -s fonts-wqy-microhei chromium gettext >/dev/null 2>&1; then \
		echo "system-deps: fonts-wqy-microhei, chromium and gettext already installed."; \
	else \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei chromium gettext; \
	fi

## Re-pin constraints.txt from what is installed in .venv (after changing pyproject.toml).
constraints: $(STAMP)
	$(PY) -m pip freeze --exclude-editable --exclude pip | sort > constraints.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
