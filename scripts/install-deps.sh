#!/usr/bin/env bash
# Installs every Debian 12 package govnet needs to build and test. Idempotent: packages that are
# already installed are skipped, and apt is not touched at all when nothing is missing.
# Works as root or through sudo. Usage: scripts/install-deps.sh [--viewer] [--peers] [--fuzz] [--format]
set -euo pipefail

packages=(
  build-essential cmake pkg-config git help2man
  libboost-graph-dev librocksdb-dev capnproto libcapnp-dev
  libcli11-dev nlohmann-json3-dev libexpat1-dev libzip-dev libtomlplusplus-dev libigraph-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
for arg in "$@"; do
  case "$arg" in
    --viewer) packages+=(libimgui-dev libglfw3-dev libgl-dev libstb-dev libcairo2-dev poppler-utils xvfb xauth xdotool libgl1-mesa-dri fonts-dejavu-core) ;;
    --peers)  packages+=(python3-networkx python3-igraph python3-graph-tool python3-openpyxl python3-odf) ;;
    --fuzz)   packages+=(clang libclang-rt-14-dev) ;;
    --format) packages+=(clang-format) ;;
    *) echo "install-deps.sh: unknown option '$arg' (expected --viewer, --peers, --fuzz or --format)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1
fi
echo "Installing missing Debian packages: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
