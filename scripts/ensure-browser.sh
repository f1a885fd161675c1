#!/usr/bin/env bash
# Real-browser tests need a Chromium-family browser (npm cannot download one here), a CJK font
# so the Chinese wall renders and measures as it does on a real screen, and pdftoppm (poppler)
# to look at the printed PDF. A browser named by CHROMIUM_PATH or CHROME_PATH is used as it is,
# on any system: then no Debian package is asked for. Otherwise, on Debian/Ubuntu, installs
# Debian's chromium (unless a browser is already in one of the usual places), fonts-noto-cjk and
# poppler-utils when missing and we are root, or says exactly what to install. Runs before `npm ci`, so it is plain bash.
set -euo pipefail

chosen="${CHROMIUM_PATH:-${CHROME_PATH:-}}"
if [ -n "$chosen" ] || ! command -v apt-get >/dev/null 2>&1; then
  if [ -n "$chosen" ] && [ ! -x "$chosen" ]; then
    echo "CHROMIUM_PATH/CHROME_PATH=$chosen is not an executable browser" >&2
    exit 1
  fi
  # No Debian packages here: scripts/browser.ts finds Chrome or Chromium in the usual places.
  if ! command -v pdftoppm >/dev/null 2>&1; then
    echo "The print test needs pdftoppm: brew install poppler (macOS), sudo apt-get install -y poppler-utils (Debian/Ubuntu), sudo dnf install -y poppler-utils (Fedora)" >&2
    exit 1
  fi
  exit 0
fi

# The same places scripts/browser.ts looks in on Linux (a unit test keeps the two lists equal):
# Chrome on Ubuntu, or any Chromium already there, is used as it is and nothing is installed.
usual_browsers=(/usr/bin/chromium /usr/bin/chromium-browser /snap/bin/chromium /usr/bin/google-chrome-stable /usr/bin/google-chrome /opt/google/chrome/chrome /usr/bin/microsoft-edge)
found=""
for browser in "${usual_browsers[@]}"; do
  if [ -x "$browser" ]; then
    found="$browser"
    break
  fi
done

missing=()
[ -n "$found" ] || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ! command -v fc-list >/dev/null 2>&1; then
  missing+=(fontconfig fonts-noto-cjk)
# grep without -q reads to the end, so fc-list never dies of SIGPIPE under pipefail.
elif ! fc-list | grep -i "Noto Sans CJK" >/dev/null; then
  missing+=(fonts-noto-cjk)
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian packages: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update </dev/null
apt-get install -y "${missing[@]}" </dev/null
