#!/usr/bin/env bash
# Quick start 1: set up and run indsigt on the bundled (fictional) sample study.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/indsigt demo "${1:-demo-output}"
