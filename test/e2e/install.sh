#!/usr/bin/env bash
# Installs the end-to-end test tooling (see test/e2e/README.md):
#   - Debian packages needed to build code-server's native modules, plus ripgrep and chromium
#   - a pre-seeded @vscode/ripgrep download cache (no GitHub access here)
#   - code-server@4.100.3 and playwright-core in .e2e/tools (NOT the project's dependencies)
# Idempotent: when everything is already present it only checks and exits (a few seconds).
# Environment overrides: E2E_TOOLS_DIR, CODE_SERVER_VERSION, PLAYWRIGHT_CORE_VERSION,
#   E2E_FORCE=1 (reinstall the npm tools).
set -euo pipefail

log() { printf '[e2e-install] %s\n' "$*"; }
die() { printf '[e2e-install] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [ $rc -ne 0 ] && printf "[e2e-install] FAILED (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

START=$(date +%s)
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
TOOLS_DIR="${E2E_TOOLS_DIR:-$ROOT/.e2e/tools}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PLAYWRIGHT_CORE_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
# @vscode/ripgrep version pinned by code-server 4.100.3 (lib/vscode/package.json) and the
# ripgrep release its postinstall (lib/postinstall.js VERSION) fetches.
RIPGREP_PKG_VERSION="${RIPGREP_PKG_VERSION:-1.15.11}"
RIPGREP_RELEASE="v13.0.0-10"
PTY_NODE="$TOOLS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node"

APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)

# ---------------------------------------------------------------- 1. Debian packages
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then command -v sudo >/dev/null || die "need root or sudo for apt-get"; SUDO="sudo"; fi
  log "apt: missing ${missing[*]} -> apt-get update && apt-get install"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "apt: all packages present (${APT_PACKAGES[*]})"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after apt install"
[ -x /usr/bin/rg ] || die "/usr/bin/rg not found after apt install"

# ---------------------------------------------------------------- 2. ripgrep cache
case "$(uname -m)" in
  x86_64) RG_TARGET="x86_64-unknown-linux-musl" ;;
  aarch64) RG_TARGET="aarch64-unknown-linux-musl" ;;
  *) die "unsupported arch $(uname -m)" ;;
esac
RG_CACHE_DIR="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
RG_TARBALL="$RG_CACHE_DIR/ripgrep-$RIPGREP_RELEASE-$RG_TARGET.tar.gz"
if [ -s "$RG_TARBALL" ] && tar tzf "$RG_TARBALL" | grep -qx 'rg'; then
  log "ripgrep cache: $RG_TARBALL already present"
else
  log "ripgrep cache: seeding $RG_TARBALL from /usr/bin/rg"
  mkdir -p "$RG_CACHE_DIR"
  tmp="$(mktemp -d)"
  cp /usr/bin/rg "$tmp/rg"
  chmod 755 "$tmp/rg"
  tar czf "$RG_TARBALL.partial" -C "$tmp" rg
  mv "$RG_TARBALL.partial" "$RG_TARBALL"
  rm -rf "$tmp"
fi

# ---------------------------------------------------------------- 3. code-server + playwright-core
installed_version() { # $1 = package name; prints version or nothing
  local pj="$TOOLS_DIR/node_modules/$1/package.json"
  [ -f "$pj" ] && node -p "require(process.argv[1]).version" "$pj" 2>/dev/null || true
}
mkdir -p "$TOOLS_DIR"
if [ ! -f "$TOOLS_DIR/package.json" ]; then
  # Own package.json so npm never walks up and installs into the project root.
  log "tools: creating $TOOLS_DIR/package.json"
  cat >"$TOOLS_DIR/package.json" <<'EOF'
{
  "name": "centrifugo-config-e2e-tools",
  "private": true,
  "description": "e2e tooling installed by test/e2e/install.sh; not part of the extension"
}
EOF
fi

cs_ver="$(installed_version code-server)"
pw_ver="$(installed_version playwright-core)"
if [ "${E2E_FORCE:-0}" != "1" ] && [ "$cs_ver" = "$CODE_SERVER_VERSION" ] && [ -f "$PTY_NODE" ] \
   && [ "$pw_ver" = "$PLAYWRIGHT_CORE_VERSION" ]; then
  log "tools: code-server $cs_ver and playwright-core $pw_ver already installed in $TOOLS_DIR"
else
  log "tools: installing code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into $TOOLS_DIR"
  log "tools: (builds native modules; several minutes on 2 cores)"
  t0=$(date +%s)
  (
    cd "$TOOLS_DIR"
    # npm 11 warns that unsafe-perm is unknown; harmless, kept as the recipe says.
    export npm_config_yes=true npm_config_unsafe_perm=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
    npm install --no-package-lock \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
  )
  log "tools: npm install took $(( $(date +%s) - t0 ))s"
fi

# ---------------------------------------------------------------- 4. checks
[ -f "$PTY_NODE" ] || die "node-pty native module missing: $PTY_NODE (code-server postinstall failed?)"
actual_rg="$(node -p "require(process.argv[1]).version" \
  "$TOOLS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/package.json" 2>/dev/null || echo '?')"
[ "$actual_rg" = "$RIPGREP_PKG_VERSION" ] || log "WARNING: code-server uses @vscode/ripgrep $actual_rg, cache seeded for $RIPGREP_PKG_VERSION"
[ -x "$TOOLS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
  || die "code-server's ripgrep binary missing (ripgrep postinstall failed)"
CS_BIN="$TOOLS_DIR/node_modules/.bin/code-server"
[ -x "$CS_BIN" ] || die "code-server binary missing: $CS_BIN"
# Keep code-server from writing ~/.config/code-server and ~/.local/share/code-server.
log "code-server: $(XDG_CONFIG_HOME="$TOOLS_DIR/.xdg/config" XDG_DATA_HOME="$TOOLS_DIR/.xdg/data" \
  CODE_SERVER_CONFIG=/dev/null "$CS_BIN" --version 2>/dev/null | tail -1)"
log "playwright-core: $(installed_version playwright-core); chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
log "OK in $(( $(date +%s) - START ))s"
