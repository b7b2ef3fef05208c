#!/usr/bin/env bash
# Installs, only when missing, the Debian packages the suites need: PostgreSQL 15 (integration suite on a real
# server), Chromium (browser tests), SimpleSAMLphp + php-cli (real SAML IdP), xmllint (LSU schemas), xmlsec1 (a second
# check of the SP metadata signature),
# docker-compose (checks docker-compose.yml; no engine runs here).
set -euo pipefail
missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/simplesamlphp ] || missing+=(simplesamlphp)
command -v php >/dev/null 2>&1 || missing+=(php-cli)
# Debian's simplesamlphp needs the DOM and mbstring extensions but does not depend on them.
php -m 2>/dev/null | grep -qx dom || missing+=(php-xml)
php -m 2>/dev/null | grep -qx mbstring || missing+=(php-mbstring)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v xmlsec1 >/dev/null 2>&1 || missing+=(xmlsec1)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages (${missing[*]}) and not root: install them with apt-get" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian starts a cluster after installing postgresql; the tests make their own throwaway clusters.
if [[ " ${missing[*]} " == *" postgresql "* ]]; then pg_ctlcluster 15 main stop 2>/dev/null || true; fi
