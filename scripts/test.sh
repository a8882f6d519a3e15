#!/usr/bin/env bash
# Set up, then check the package as a user installs it (wheel in a fresh virtualenv, run
# from a temporary folder: scripts/wheel_check.py), then run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_THREAD_LIMIT=1
.venv/bin/python scripts/wheel_check.py
.venv/bin/python -m pytest -rs tests   # -rs: each skip with its reason (only the real agency files may skip)
