#!/usr/bin/env bash
# Quick start 2: set up and run the whole test suite (lint, types, tests with SQLite and
# PostgreSQL; the PostgreSQL tests start a throwaway server on 127.0.0.1 themselves).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 RAY_USAGE_STATS_ENABLED=0
export INDSIGT_REQUIRE_POSTGRES=${INDSIGT_REQUIRE_POSTGRES:-1}
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache  # the layer contracts in pyproject.toml
exec .venv/bin/pytest "$@"
