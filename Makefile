# Special Meeting: `make run` to try it, `make test` to test it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

# Debian packages: what WeasyPrint needs to render PDFs (and the fonts of the six UN
# languages), gettext to compile the translations, then what the tests need on top
# (a browser, PDF tools).
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk gettext
APT_TEST := chromium poppler-utils qpdf

# What `make run` sets for plain http on localhost; production sets these itself.
RUN_ENV := DJANGO_DEBUG=0 SECRET_KEY="$$(cat var/secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 ACCOUNT_DEFAULT_HTTP_PROTOCOL=http \
	CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$(PORT),http://localhost:$(PORT)

.PHONY: help deps deps-test venv venv-dev messages makemessages run test lint format clean bench-pages bench-faults

help:
	@echo "make run    install, migrate, load the demo and run site, worker and beat (PORT=$(PORT))"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make lint   ruff check and format check"

define apt_install
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "Debian packages present: $(1)"; \
	elif [ "$$(id -u)" = 0 ]; then echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "Missing Debian packages. Run as root:"; \
		echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; exit 1; fi
endef

deps:
	$(call apt_install,$(APT_RUN))

deps-test: deps
	$(call apt_install,$(APT_TEST))

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

venv: $(VENV)/.runtime
venv-dev: $(VENV)/.dev

# The translations (locale/*/LC_MESSAGES/django.po) are compiled here, never committed.
messages:
	@for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check-format --check-domain -o "$${po%.po}.mo" "$$po" || exit 1; done
	@echo "Translations compiled: $$(ls locale/*/LC_MESSAGES/*.po | wc -l) catalogues"

# After changing interface strings: collect them into every language's .po file.
makemessages: venv
	DJANGO_SETTINGS_MODULE=specialmeeting.test_settings $(PY) manage.py makemessages --no-obsolete --no-wrap --ignore=.venv --ignore=var \
		--ignore=bench --ignore='*/tests/*' --ignore=e2e --ignore=staticfiles -l ar -l zh_Hans -l fr -l ru -l es

var/secret-key:
	@mkdir -p var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

run: deps venv var/secret-key messages
	@export $(RUN_ENV); \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	echo "" && echo "Special Meeting is starting at http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)" && \
	echo "Web, worker and beat run together; Ctrl-C stops all three." && echo "" && \
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" exec $(VENV)/bin/honcho start -f Procfile -p $(PORT)

test: deps-test venv-dev
	@$(MAKE) --no-print-directory messages
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks (README, "Performance"): they set up and remove their own database and Redis.
bench-pages: deps venv-dev messages
	$(call apt_install,wrk)
	$(PY) bench/pages/run.py $(BENCH_ARGS)

bench-faults: deps venv-dev messages
	$(PY) bench/faults/run.py $(BENCH_ARGS)

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var/static var/cache var/celery var/test
