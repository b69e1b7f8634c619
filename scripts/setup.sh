#!/usr/bin/env bash
# Prepare a fresh Debian machine (as root) and a virtual environment in .venv.
# Idempotent: system packages are installed only when missing; pip skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# libharfbuzz-subset0 and pango: WeasyPrint (PDF reports); poppler-utils: the report tests;
# pandoc: the import tests write OpenDocument and RTF transcripts with it
SYSTEM_PACKAGES=(postgresql poppler-utils pandoc chromium libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: missing system packages (${missing[*]}); run as root or install them" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[dev]" 2>&1 | grep -v -E "^(WARNING: Location|  )" || true
# BERTopic (the theme baseline in `indsigt eval themes`) is given our embeddings, so it needs
# neither sentence-transformers nor torch, which its package metadata would pull in.
.venv/bin/python -m pip install -q --no-deps "bertopic>=0.16" 2>&1 | grep -v -E "^(WARNING: Location|  )" || true
.venv/bin/python -c "import indsigt" || { echo "installation failed" >&2; exit 1; }
