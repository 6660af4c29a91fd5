#!/usr/bin/env bash
# Makes sure the system Chromium the end-to-end tests drive is installed (/usr/bin/chromium, Debian's
# `chromium` package). playwright-core downloads no browser: `npx playwright install` is not used.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium
  if [ -x "$CHROMIUM" ]; then
    exit 0
  fi
  echo "ensure-chromium: apt-get install chromium did not provide $CHROMIUM." >&2
  exit 1
fi

echo "ensure-chromium: $CHROMIUM is missing: the end-to-end tests need Chromium at this path." >&2
echo "Install it as root on Debian/Ubuntu with:  sudo apt-get update && sudo apt-get install -y chromium" >&2
exit 1
