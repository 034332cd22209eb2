#!/usr/bin/env bash
# Developer entry point: the two Quick start commands of the README.
#   installer/dev.sh app    set up, load demo data on first use, start VLOT Desktop
#   installer/dev.sh test [--fast]   set up, lint (ruff), type-check (mypy), check the layers
#                           (lint-imports), run the test suite
#                           (--fast skips the tests marked slow)
#   installer/dev.sh mutate [PATH...]   mutation testing (not part of `test`; docs/testing.md)
# Set-up is idempotent: Debian libraries are installed only when missing, the virtual
# environment is created once, and packages are reinstalled only when pyproject.toml changed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"

# Libraries Qt needs on Linux (offscreen and X11), fonts (Latin + Cyrillic), and tools the tests use.
debian_packages=(
  libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libglib2.0-0 libx11-6
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  fonts-dejavu-core
)

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "VLOT Desktop needs Python 3.11 or newer; none was found." >&2
  exit 1
}

install_debian_packages() {
  [ "$(uname -s)" = "Linux" ] && command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=() pkg status
  local wanted=("${debian_packages[@]}")
  # Debian's own Python needs python3-venv for ensurepip; a self-built Python has it already.
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then wanted+=(python3-venv); fi
  for pkg in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "Missing system packages. Install them, then run this again:" >&2
      echo "  sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    echo "Creating virtual environment in .venv"
    "$python" -m venv "$venv"
  fi
  local stamp="$venv/.vlot-installed" want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing Python packages (pyproject.toml changed or first run)"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

python="$(pick_python)"
install_debian_packages
ensure_venv
export PATH="$venv/bin:$PATH"

case "${1:-}" in
  app)
    shift
    data_dir="${VLOT_DATA_DIR:-$root/.demo-data}"
    if [ ! -f "$data_dir/vlot.sqlite3" ]; then
      echo "Loading demo data (${DEMO_SIZE:-medium}) into $data_dir"
      vlot-desktop --data-dir "$data_dir" demo --size "${DEMO_SIZE:-medium}" --seed 7
    fi
    exec vlot-desktop --data-dir "$data_dir" "$@"
    ;;
  test)
    shift
    # The real-SMB-share test (tests/sync/test_sync_smb.py: Samba + smbnetfs) needs root and
    # /dev/fuse; elsewhere, or when apt fails, it is skipped with the reason.
    if [ "$(id -u)" -eq 0 ] && [ -e /dev/fuse ]; then
      debian_packages=(samba smbnetfs fuse3); install_debian_packages || true
    fi
    echo "== ruff"; ruff check vlot_desktop tests migrations; ruff format --check vlot_desktop tests migrations
    echo "== mypy"; mypy
    echo "== import-linter"; lint-imports --no-cache  # the layers' contracts (pyproject.toml)
    # Two workers on a 2-core machine (a test file stays on one worker: its module fixtures,
    # the SMB server); the default run stays under 8 minutes. Pass -n 0 to run in one process.
    # --fast (inner loops): skip the tests marked slow (crash points, processes, the state
    # machine, the large sets); the default run and CI run everything.
    marker=()
    if [ "${1:-}" = "--fast" ]; then shift; marker=(-m "not slow"); fi
    echo "== pytest"; exec python -m pytest -n auto --dist loadfile "${marker[@]}" "$@"
    ;;
  mutate)
    shift
    # mutmut (the "mutate" extra) is installed on first use; the run works in a copy of the
    # tree (.mutation-work/) and writes tests/mutation/results/latest.{md,json}.
    if ! python -c 'import mutmut' >/dev/null 2>&1; then
      echo "Installing the mutation testing tool (mutmut)"
      python -m pip install -q -e ".[test,mutate]"
    fi
    exec python tests/mutation/run.py "$@"
    ;;
  *)
    echo "usage: installer/dev.sh app | test | mutate [PATH...]" >&2
    exit 2
    ;;
esac
