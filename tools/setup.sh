#!/usr/bin/env bash
# trackscope set-up: installs every Debian package and npm package the build and tests need.
# Idempotent; when everything is present it only checks (a few seconds).
# Usage: tools/setup.sh            (run from anywhere; uses sudo when not root)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages: name -> needed for
APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config clang lld # native + fuzz builds
  libclang-rt-14-dev                                      # sanitizer / libFuzzer runtimes
  nlohmann-json3-dev                                      # JSON (de)serialisation
  emscripten                                              # WebAssembly build (emcc 3.1.6)
  chromium                                                # headless browser for scanner + e2e
  firefox-esr                                             # the extension's end-to-end tests in Firefox
  publicsuffix                                            # Public Suffix List (data)
  webext-ublock-origin-chromium                           # EasyList / EasyPrivacy snapshots (data)
  webext-privacy-badger                                   # EFF DNT policy hashes (data)
)
BACKPORTS_PACKAGES=(libcatch2-dev)                         # Catch2 v3 (bookworm has only v2)

missing=()
for p in "${APT_PACKAGES[@]}" "${BACKPORTS_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Catch2 must be v3 (backports), not bookworm's v2.
if dpkg-query -W -f='${Version}' libcatch2-dev 2>/dev/null | grep -q '^2\.'; then
  missing+=(libcatch2-dev)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  backports=/etc/apt/sources.list.d/backports.list
  if [ ! -f "$backports" ]; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee "$backports" >/dev/null
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  apt_regular=()
  for p in "${missing[@]}"; do
    case " ${BACKPORTS_PACKAGES[*]} " in *" $p "*) ;; *) apt_regular+=("$p") ;; esac
  done
  if [ "${#apt_regular[@]}" -gt 0 ]; then
    $SUDO apt-get install -y -qq --no-install-recommends "${apt_regular[@]}"
  fi
  $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports "${BACKPORTS_PACKAGES[@]}"
else
  echo "setup: Debian packages present"
fi

# npm packages, exactly as locked. Re-run only when the lock file changed since the last install.
stamp=node_modules/.trackscope-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
else
  echo "setup: npm packages present"
fi
