#!/usr/bin/env bash
# Install everything the portal needs on a fresh machine; a second run only checks.
#   - Debian packages: PostgreSQL, Redis, libmagic, curl, a JRE, Maven and Chromium for the browser tests
#     (only those missing)
#   - .venv: CKAN 2.12 (pinned), ckanext-scheming, ckanext-harvest, test tools, this project (editable)
#   - Apache Solr 9 jars from Maven Central (deploy/solr/pom.xml) into .run/solr/lib
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_debian_packages() {
    local missing=()
    [[ -n $(pg_bin) && -x $(pg_bin)/initdb ]] || missing+=(postgresql)
    command -v redis-server >/dev/null || missing+=(redis-server)
    dpkg -s libmagic1 >/dev/null 2>&1 || missing+=(libmagic1)
    command -v curl >/dev/null || missing+=(curl)
    command -v java >/dev/null || missing+=(default-jre-headless)
    command -v mvn >/dev/null || missing+=(maven)
    command -v runuser >/dev/null || missing+=(util-linux)
    # Debian's Chromium, driven by Playwright in tests/browser (no browser is ever downloaded at run time).
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    # Its Chinese text needs a CJK font, or the screenshots show boxes.
    dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
    if (( ${#missing[@]} )); then
        log "apt-get install ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    id postgres >/dev/null 2>&1 || die "the postgresql package did not create the postgres user"
}

install_python_env() {
    local stamp="$VENV_DIR/.zhangdian-installed"
    local inputs=("$REPO_DIR/setup.cfg" "$REPO_DIR/setup.py" "$REPO_DIR"/requirements/*.txt)
    if [[ -f $stamp ]] && [[ -z $(find "${inputs[@]}" -newer "$stamp" 2>/dev/null) ]]; then
        return
    fi
    [[ -x $VENV_BIN/python ]] || { log "creating $VENV_DIR"; python3 -m venv "$VENV_DIR"; }
    log "installing Python packages into $VENV_DIR (pinned)"
    "$VENV_BIN/pip" install -q --upgrade pip==26.3 setuptools==84.2.1 wheel==0.48.0
    "$VENV_BIN/pip" install -q -r "$REPO_DIR/requirements/ckan.txt" -r "$REPO_DIR/requirements/test.txt"
    "$VENV_BIN/pip" install -q -e "$REPO_DIR"
    touch "$stamp"
}

install_solr() {
    if [[ -f $SOLR_LIB/.complete ]]; then
        return
    fi
    log "resolving Apache Solr 9 from Maven Central (deploy/solr/pom.xml)"
    rm -rf "$SOLR_LIB"
    mvn -q -B -f "$DEPLOY_DIR/solr/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$SOLR_LIB"
    ls "$SOLR_LIB"/solr-core-9.*.jar >/dev/null || die "Maven did not deliver solr-core 9"
    touch "$SOLR_LIB/.complete"
}

mkdir -p "$RUN_DIR"
install_debian_packages
install_python_env
install_solr
