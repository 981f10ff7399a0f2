#!/usr/bin/env bash
# Install the Debian packages cxmap needs and the machine lacks: fonts for maps with
# CJK text and emoji, and Java for Spark when it is missing.
# Safe to run again; does nothing when all is there.
set -euo pipefail
packages=(fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji)
missing=()
# PySpark (analytics on a local Spark session) needs a Java runtime.
command -v java >/dev/null || packages+=(default-jre-headless)
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "cxmap: please install these fonts with your package manager: ${missing[*]}" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "cxmap: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
