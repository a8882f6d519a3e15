#!/usr/bin/env bash
# Set up everything the tool needs on a fresh Debian/Ubuntu machine (run as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx tha \
   || ! command -v pdftoppm >/dev/null || ! fc-list | grep -qi garuda; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    tesseract-ocr tesseract-ocr-tha tesseract-ocr-eng fonts-thai-tlwg poppler-utils qpdf >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e '.[test]'
