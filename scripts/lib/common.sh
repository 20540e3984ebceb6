# Shared by scripts/demo and scripts/test: install what is missing, then build.
# Sourced, not run.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"

# Debian 12 packages the build, the tests and the deploys need (Caddy's package starts
# nothing on a machine without systemd; deploys start it themselves).
BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config ccache
    qt6-base-dev qt6-websockets-dev qt6-tools-dev libqt6sql6-sqlite
    libgit2-dev nlohmann-json3-dev libspdlog-dev libsodium-dev
    python3 make tzdata ansible caddy clang-format bubblewrap
    # the desktop app: Qt Quick, its QML modules (installed without recommends, so each one
    # is named), the offscreen platform for tests and screenshots, and Linguist
    qt6-declarative-dev qt6-l10n-tools qt6-qpa-plugins
    qml6-module-qtqml qml6-module-qtquick qml6-module-qtquick-controls
    qml6-module-qtquick-templates qml6-module-qtquick-layouts qml6-module-qtquick-shapes
    qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qttest
    qml6-module-qtquick-dialogs
    # the PostgreSQL store: Qt's driver, and a server the store's tests start themselves
    libqt6sql6-psql postgresql
    # deployed projects' dependencies: a virtualenv per release filled by pip; the tests
    # build their own wheels (setuptools and wheel, without downloading them)
    python3-venv python3-pip python3-setuptools python3-wheel
    # production servers over SSH: the tests start Debian's sshd on a loopback port
    openssh-server openssh-client
    # domains and certificates: an authoritative DNS server taking RFC 2136 updates and an
    # ACME server, both started by the tests on loopback
    knot pebble
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Installs the given packages that are not installed yet; does nothing when all are there.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "missing packages: ${missing[*]}; run as root or install them first" >&2
            exit 1
        fi
    fi
    say "installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# Configures (once) and builds the given targets (all when none are given).
build() {
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        say "configuring in $BUILD_DIR"
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    fi
    say "building ${*:-everything}"
    cmake --build "$BUILD_DIR" --parallel "$(nproc)" ${1:+--target "$@"}
}
