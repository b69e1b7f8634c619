#!/usr/bin/env bash
# Quick start 2: set up and run the whole test suite (lint, types, tests with SQLite and
# PostgreSQL; the PostgreSQL tests start a throwaway server on 127.0.0.1 themselves).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The fine-tuned encoder's tests need torch (the `finetune` extra): its CPU build, pinned, or
# pip resolves a newer CUDA build (about 20 s and 0.75 GB here).
.venv/bin/python -m pip install -q "torch==2.13.0" -e ".[finetune]"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 RAY_USAGE_STATS_ENABLED=0
export INDSIGT_REQUIRE_TORCH=${INDSIGT_REQUIRE_TORCH:-1}  # its tests fail, not skip, without it
export INDSIGT_REQUIRE_POSTGRES=${INDSIGT_REQUIRE_POSTGRES:-1}
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache  # the layer contracts in pyproject.toml
exec .venv/bin/pytest "$@"
