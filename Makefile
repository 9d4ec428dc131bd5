# 张店区公共数据开放平台 — the two commands that matter: `make demo` and `make test`.
# Everything is installed and started by the scripts in deploy/scripts; state lives in .run/.
SHELL := /bin/bash
SCRIPTS := deploy/scripts
VENV_BIN := .venv/bin
PYTEST_ARGS ?=

.PHONY: demo test stop status install services i18n solr-schema clean help

help:
	@echo "make demo    install what is missing, start PostgreSQL/Redis/Solr/CKAN, load demo data"
	@echo "make test    install what is missing, start the services, run the whole test suite"
	@echo "make stop    stop everything these commands started"
	@echo "make status  show which services are running"

install:
	@bash $(SCRIPTS)/install.sh
	@$(MAKE) --no-print-directory i18n

i18n:
	@$(VENV_BIN)/pybabel -q compile -D ckanext-zhangdian -d ckanext-zhangdian/ckanext/zhangdian/i18n

services: install
	@bash $(SCRIPTS)/services.sh start

demo: services
	@bash $(SCRIPTS)/demo.sh

test: services
	@bash $(SCRIPTS)/ckan.sh setup test
	$(VENV_BIN)/python -m pytest --ckan-ini=.run/test.ini $(PYTEST_ARGS)

stop:
	@bash $(SCRIPTS)/demo.sh --stop-lists-server
	@bash $(SCRIPTS)/ckan.sh stop demo
	@bash $(SCRIPTS)/ckan.sh stop test
	@bash $(SCRIPTS)/services.sh stop

status:
	@bash $(SCRIPTS)/services.sh status || true

# Regenerate deploy/solr/configset/conf/managed-schema.xml from the installed CKAN's schema.
solr-schema:
	$(VENV_BIN)/python deploy/solr/build_schema.py

clean: stop
	rm -rf .run .venv
