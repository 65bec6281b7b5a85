#!/usr/bin/env bash
# Causeway's one entry point for building, testing and the demo.
#   ./build.sh build   publish the NativeAOT binaries: artifacts/causeway (the product) and artifacts/causeway-lab
#                      (the lab worlds, which run artifacts/causeway on their gateways)
#   ./build.sh test    install what the tests need, build, check formatting, run every test;
#                      the last line is "N passed, N failed"
#   ./build.sh demo    build, then for the Uno, Duo and Dinosaur lab worlds in turn: bring it up, run its checks
#                      (Dinosaur: then every hop's status on both hosts), take it down again
#                      (demo uno|duo|dinosaur: only that one; --keep: leave it up)
#   ./build.sh bench   run the benchmarks under bench/ (uno, then duo; reports, never gates)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
artifacts="$root/artifacts"
results="$artifacts/test-results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What the build and the tests need from Debian. Every one is used: clang and zlib1g-dev link the NativeAOT
# binary; openvpn, nftables, iproute2, conntrack and util-linux (setpriv) are what Causeway drives; iperf3 and
# iputils-ping are for the lab and the benchmarks; dnsmasq-base (/usr/sbin/dnsmasq, without the system service)
# is the lab's DNS servers; openssl checks the PKI in tests; curl is an overlay member asking the daemon's TCP
# listener in the tests.
packages=(
  clang zlib1g-dev
  openvpn nftables iproute2 conntrack util-linux procps
  iperf3 iputils-ping dnsmasq-base openssl ca-certificates curl
)

log() { printf '\n== %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "build.sh $1: needs root (network namespaces, nftables, OpenVPN): run it with sudo" >&2
    exit 1
  fi
}

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# promtool (`promtool check metrics` on the daemon's /metrics in the integration tests) from Debian's prometheus
# package, taken out of it rather than installed: installing it would start a Prometheus server. Kept in
# artifacts/tools across runs; exported as CAUSEWAY_PROMTOOL.
fetch_promtool() {
  local tools="$artifacts/tools"
  if [ ! -x "$tools/promtool" ]; then
    log "taking promtool out of Debian's prometheus package"
    local work
    work=$(mktemp -d)
    if ! (cd "$work" && apt-get download prometheus >/dev/null 2>&1); then
      apt-get update -qq
      (cd "$work" && apt-get download prometheus >/dev/null)
    fi
    dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
    mkdir -p "$tools"
    install -m 0755 "$work/root/usr/bin/promtool" "$tools/promtool"
    rm -rf "$work"
  fi
  export CAUSEWAY_PROMTOOL="$tools/promtool"
}

# The product and the lab, each its own NativeAOT program; the lab runs the causeway next to it.
publish() {
  log "publishing the NativeAOT binaries"
  dotnet publish src/Causeway.Cli/Causeway.Cli.csproj -c Release -o "$artifacts/publish" -nologo -v quiet
  dotnet publish src/Causeway.Lab/Causeway.Lab.csproj -c Release -o "$artifacts/publish-lab" -nologo -v quiet
  install -m 0755 "$artifacts/publish/causeway" "$artifacts/causeway"
  install -m 0755 "$artifacts/publish-lab/causeway-lab" "$artifacts/causeway-lab"
  local binary
  for binary in causeway causeway-lab; do
    echo "built $artifacts/$binary ($(du -h "$artifacts/$binary" | cut -f1))" >&2
  done
}

# Counts from an xunit v3 XML result file: total passed failed skipped.
counts() {
  local file=$1 head
  head=$(grep -o '<assembly [^>]*>' "$file" | head -n 1)
  for attr in total passed failed skipped; do
    printf '%s ' "$(printf '%s' "$head" | grep -o " $attr=\"[0-9]*\"" | grep -o '[0-9]*')"
  done
}

run_tests() {
  need_root test
  install_packages
  fetch_promtool
  log "checking formatting"
  dotnet format Causeway.slnx --verify-no-changes -v quiet
  log "building"
  dotnet build Causeway.slnx -c Release -nologo -v quiet
  publish
  export CAUSEWAY_BIN="$artifacts/causeway"
  export CAUSEWAY_LAB_BIN="$artifacts/causeway-lab"
  rm -rf "$results"
  mkdir -p "$results"
  local passed=0 failed=0 skipped=0 crashed=0
  # Namespaces that were here before the tests (a lab world someone keeps up) are not the tests' leftovers.
  local before
  before=$(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cw-' | sort || true)
  for project in tests/*/; do
    local name exe
    name=$(basename "$project")
    # The test kit is the library the test projects share (fakes, clock, scopes), not a test exe.
    [ "$name" != Causeway.TestKit ] || continue
    exe="$project/bin/Release/net10.0/$name"
    log "running $name"
    if ! "$exe" -noColor -noLogo -result-xml "$results/$name.xml"; then
      [ -f "$results/$name.xml" ] || { echo "$name: the test runner crashed" >&2; crashed=$((crashed + 1)); continue; }
    fi
    read -r t p f s <<<"$(counts "$results/$name.xml")"
    echo "$name: $p passed, $f failed, $s skipped (of $t)" >&2
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  done
  failed=$((failed + crashed))
  leftover=$(comm -13 <(printf '%s\n' "$before") <(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cw-' | sort) | grep -c . || true)
  if [ "${leftover:-0}" != 0 ]; then
    echo "tests left $leftover network namespaces named cw-*: counted as a failure" >&2
    failed=$((failed + 1))
  fi
  [ "$skipped" = 0 ] || echo "$skipped skipped" >&2
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

run_demo() {
  need_root demo
  local worlds=(uno duo dinosaur) keep=""
  for arg in "$@"; do
    case "$arg" in
      --keep) keep=1 ;;
      uno|duo|dinosaur) worlds=("$arg") ;;
      *) echo "usage: $0 demo [uno|duo|dinosaur] [--keep]" >&2; exit 2 ;;
    esac
  done
  # The worlds use the same namespace names for the internet and the provider: one at a time.
  if [ -n "$keep" ] && [ ${#worlds[@]} -gt 1 ]; then
    echo "build.sh demo --keep: name the world to leave up (demo uno --keep, demo duo --keep or demo dinosaur --keep)" >&2
    exit 2
  fi
  install_packages
  publish
  lab_bin="$artifacts/causeway-lab"
  local world
  for world in "${worlds[@]}"; do
    local any
    for any in uno duo dinosaur; do
      "$lab_bin" down "$any" >/dev/null 2>&1 || true
    done
    if [ -z "$keep" ]; then
      # The world is taken down however the demo ends; `--keep` leaves it up to explore
      # (`artifacts/causeway-lab status <world>`, `ip netns exec cw-laptop ...`, `artifacts/causeway-lab down <world>`).
      trap '"$lab_bin" down '"$world"' >/dev/null 2>&1 || true' EXIT
    fi
    log "bringing up the ${world^} lab world"
    "$lab_bin" up "$world"
    "$lab_bin" status "$world"
    log "checking it"
    "$lab_bin" check "$world"
    if [ "$world" = dinosaur ]; then
      # Every hop of both hosts (the sbc: tunnel, internet; the VM: the sbc over ZeroTier, internet), as
      # `causeway status` says it on each, with the world put back after the checks.
      log "every hop's status, on the sbc and on the VM"
      "$lab_bin" status "$world"
    fi
    if [ -z "$keep" ]; then
      "$lab_bin" down "$world"
      trap - EXIT
    fi
  done
}

case "${1:-}" in
  build) publish ;;
  test) run_tests ;;
  demo) shift; run_demo "$@" ;;
  bench)
    need_root bench
    install_packages
    publish
    "$root/bench/uno/run.sh" "$artifacts/causeway-lab"
    "$root/bench/duo/run.sh" "$artifacts/causeway-lab"
    ;;
  *)
    echo "usage: $0 build|test|demo|bench" >&2
    exit 2
    ;;
esac
