#!/usr/bin/env bash
# Real-browser tests use Debian's Chromium (npm cannot download browsers here) and need a CJK
# font so the Chinese wall renders and measures as it does on a real screen. Installs both
# when missing and we are root; otherwise says exactly what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
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
