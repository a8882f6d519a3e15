#!/usr/bin/env bash
# Set up everything the tool and its tests need on a fresh Debian/Ubuntu machine
# (run as root, or as a user with sudo). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
DEB_PACKAGES=(tesseract-ocr tesseract-ocr-tha tesseract-ocr-eng tesseract-ocr-osd fonts-thai-tlwg poppler-utils qpdf
              chromium chromium-driver libreoffice-writer-nogui)
DEB_PACKAGES+=(fontconfig)  # fc-list: how the OCR finds the Thai fonts for its digit templates
DEB_PACKAGES+=(postgresql)  # started only by the tests that need it
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [[ " ${missing[*]} " == *" postgresql "* && ! -e /etc/postgresql-common/createcluster.conf ]]; then
    # no always-on server: the tests start a throwaway one (initdb in a temporary folder)
    $SUDO mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e '.[test,cluster]'
echo "setup: done ($(.venv/bin/ita --version), $(tesseract --version 2>&1 | head -1))"
