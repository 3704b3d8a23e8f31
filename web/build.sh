#!/usr/bin/env bash
# Vendor the browser libraries used by the web pages (no CDN at run time).
# Installs the pinned packages from web/package-lock.json with `npm ci` and copies
# their browser builds into bot/web/static/vendor/ (git-ignored).
# Called by `make setup` as:  bash web/build.sh
set -euo pipefail

WEB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$WEB_DIR/.." && pwd)"
VENDOR="$ROOT/bot/web/static/vendor"

command -v npm >/dev/null 2>&1 || { echo "web/build.sh: npm not found (install Node.js >= 18)" >&2; exit 1; }

cd "$WEB_DIR"
npm ci --no-audit --no-fund

NM="$WEB_DIR/node_modules"
mkdir -p "$VENDOR"

copy() {  # copy SRC DEST_NAME
  local src="$1" dest="$VENDOR/$2"
  if [ ! -f "$src" ]; then
    echo "web/build.sh: missing $src" >&2
    exit 1
  fi
  cp -f "$src" "$dest"
  echo "vendored $(basename "$src") -> bot/web/static/vendor/$2"
}

# socket.io client (UMD build exposing window.io)
copy "$NM/socket.io-client/dist/socket.io.min.js" socket.io.min.js
copy "$NM/socket.io-client/dist/socket.io.min.js.map" socket.io.min.js.map
# Chart.js (UMD build exposing window.Chart)
copy "$NM/chart.js/dist/chart.umd.min.js" chart.umd.min.js
if [ -f "$NM/chart.js/dist/chart.umd.min.js.map" ]; then
  copy "$NM/chart.js/dist/chart.umd.min.js.map" chart.umd.min.js.map
fi
# licences travel with the code
cp -f "$NM/socket.io-client/LICENSE" "$VENDOR/socket.io-client.LICENSE" 2>/dev/null || true
cp -f "$NM/chart.js/LICENSE.md" "$VENDOR/chart.js.LICENSE.md" 2>/dev/null || true

printf '{"socket.io-client": "%s", "chart.js": "%s"}\n' \
  "$(node -p "require('$NM/socket.io-client/package.json').version")" \
  "$(node -p "require('$NM/chart.js/package.json').version")" > "$VENDOR/versions.json"
echo "web/build.sh: vendor files in bot/web/static/vendor/"
