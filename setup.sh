#!/usr/bin/env bash
# setup.sh -- the README's quick start.
#   ./setup.sh          install the Debian packages that are missing (apt-get, through sudo
#                       unless root), build into build/, and run the main job (the overview
#                       script) on the sample corpus built into the program
#   ./setup.sh test     build (also with AddressSanitizer + UndefinedBehaviorSanitizer into
#                       build-asan/) and run every test in both builds; then build the
#                       libFuzzer targets with clang into build-fuzz/ and run each for 15 s
#   ./setup.sh deps     only install the packages
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake pkg-config lua5.4 liblua5.4-dev libsqlite3-dev libutf8proc-dev
          libjansson-dev nettle-dev libxml2-dev libcmark-dev libyaml-dev libcsv-dev libedit-dev
          libopencc-dev libgraphviz-dev python3 python3-jieba python3-distributed time tmux
          clang libclang-rt-14-dev)     # clang + libFuzzer: the fuzz stage of 'test'
JOBS=$(nproc 2>/dev/null || echo 2)

deps () {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build () {  # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DTIFA_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$JOBS"
}

case "${1:-}" in
  "")
    deps
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    ./build/tifa run scripts/overview.lua
    ;;
  test)
    deps
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DTIFA_SANITIZE=ON
    status=0
    echo "== tests (RelWithDebInfo)"
    ctest --test-dir build --output-on-failure --no-tests=error -j"$JOBS" || status=1
    echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
    ctest --test-dir build-asan --output-on-failure --no-tests=error -j"$JOBS" || status=1
    echo "== fuzzing (libFuzzer, 15 s per target; docs/fuzzing.md)"
    cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTIFA_FUZZ=ON -DTIFA_TESTS=OFF -DTIFA_WERROR=ON >/dev/null
    cmake --build build-fuzz -j"$JOBS" --target fuzz
    FUZZ_BUILD=build-fuzz FUZZ_ARGS="-seed=1" tests/fuzz/run 15 || status=1   # a fixed seed: the same mutations each run
    exit $status
    ;;
  deps) deps ;;
  *) echo "usage: ./setup.sh [test|deps]" >&2; exit 2 ;;
esac
