#!/usr/bin/env bash
# Causeway's one entry point for building, testing and the demo.
#   ./build.sh build   publish the NativeAOT binaries: artifacts/causeway (the product) and artifacts/causeway-lab
#                      (the lab worlds, which run artifacts/causeway on their gateways)
#   ./build.sh package the .deb packages of the product for amd64 and arm64 (cross-compiled with NativeAOT on this
#                      machine) in artifacts/packages/: the binary, the systemd unit, the man page, the example
#                      config (packaging/ holds their sources); the lab is in no package
#   ./build.sh test    install what the tests need, build, check formatting, build the packages, run every test;
#                      the last line is "N passed, N failed"
#   ./build.sh demo    build, then for the Uno, Duo and Dinosaur lab worlds in turn: bring it up, run its checks
#                      (Dinosaur: then every hop's status on both hosts), take it down again
#                      (demo uno|duo|dinosaur: only that one; --keep: leave it up)
#   ./build.sh bench   run the benchmarks under bench/ (uno, duo, dinosaur, then footprint; reports, never gates)
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
# listener in the tests; chromium is the browser the dashboard's test drives through Playwright (which downloads no
# browser of its own), with fonts-dejavu-core so that its screenshots have text (chromium only recommends fonts).
# The package test installs the .deb with dpkg -i, which needs what it depends on (adduser, procps and libssl3
# besides the above), runs systemd-analyze (systemd) on its unit, which looks up the unit's man page (man-db), and
# runs the arm64 binary under qemu-user-static.
packages=(
  clang zlib1g-dev
  openvpn nftables iproute2 conntrack util-linux procps
  iperf3 iputils-ping dnsmasq-base openssl ca-certificates curl chromium fonts-dejavu-core
  adduser libssl3 systemd man-db
)

# The arm64 cross-compile (docs: ../shared/docs/reference/nativeaot-arm64.md): lld links for aarch64 (clang alone
# rejects -fuse-ld=lld without it), aarch64-linux-gnu-objcopy strips the symbols out, and the arm64 C runtime, libgcc
# and zlib are linked from the host's multiarch directories (the sysroot is /). qemu-user-static runs the result.
cross_packages=(
  clang lld binutils-aarch64-linux-gnu qemu-user-static
  libc6-dev:arm64 libgcc-12-dev:arm64 zlib1g-dev:arm64
)

log() { printf '\n== %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "build.sh $1: needs root (network namespaces, nftables, OpenVPN): run it with sudo" >&2
    exit 1
  fi
}

# Installs those of the given Debian packages that are missing; name:arm64 ones need arm64 as a foreign
# architecture first (and the package lists fetched again after adding it).
install_packages() {
  [ $# -gt 0 ] || set -- "${packages[@]}"
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if [[ " ${missing[*]}" == *:arm64* ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
      dpkg --add-architecture arm64
    fi
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

# The cross toolchain for `package`: installed as root; without root, the missing ones are named.
need_cross_packages() {
  if [ "$(id -u)" = 0 ]; then
    install_packages "${cross_packages[@]}"
    return
  fi
  local p missing=()
  for p in "${cross_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "build.sh package: the arm64 cross-compile needs ${missing[*]}: run it with sudo once (it installs them)" >&2
    exit 1
  fi
}

# The product for amd64, in artifacts/publish (the amd64 package is made from it).
publish_product() {
  dotnet publish src/Causeway.Cli/Causeway.Cli.csproj -c Release -r linux-x64 -o "$artifacts/publish" -nologo -v quiet
}

# The product and the lab, each its own NativeAOT program; the lab runs the causeway next to it.
publish() {
  log "publishing the NativeAOT binaries"
  publish_product
  dotnet publish src/Causeway.Lab/Causeway.Lab.csproj -c Release -o "$artifacts/publish-lab" -nologo -v quiet
  install -m 0755 "$artifacts/publish/causeway" "$artifacts/causeway"
  install -m 0755 "$artifacts/publish-lab/causeway-lab" "$artifacts/causeway-lab"
  local binary
  for binary in causeway causeway-lab; do
    echo "built $artifacts/$binary ($(du -h "$artifacts/$binary" | cut -f1))" >&2
  done
}

# The product for arm64, cross-compiled here: the target's C runtime from the host's multiarch directories
# (SysRoot=/), linked by lld, stripped by the aarch64 objcopy.
publish_arm64() {
  log "publishing the NativeAOT binary for arm64"
  dotnet publish src/Causeway.Cli/Causeway.Cli.csproj -c Release -r linux-arm64 -p:SysRoot=/ -p:LinkerFlavor=lld \
    -p:ObjCopyName=aarch64-linux-gnu-objcopy -o "$artifacts/publish-arm64" -nologo -v quiet
  echo "built $artifacts/publish-arm64/causeway ($(du -h "$artifacts/publish-arm64/causeway" | cut -f1))" >&2
}

# What the package depends on besides the C library. libssl3: .NET's cryptography (the access PKI, the profile's
# certificate checks) opens libssl.so.3 at run time, so no NEEDED entry shows it (libssl3t64 is its name from
# Debian 13 on). openvpn 2.6: the management protocol and the server options Causeway writes. iproute2, nftables,
# conntrack, util-linux (setpriv, setsid): what Causeway runs. procps: /bin/kill, the unit's ExecReload. adduser:
# the postinst's addgroup.
package_depends="libssl3t64 | libssl3, openvpn (>= 2.6), nftables, iproute2, conntrack, util-linux, procps, adduser"

# Builds artifacts/packages/causeway_VERSION_ARCH.deb from a published binary. The version is the binary's own
# (1.0.0+<commit>) made orderable for dpkg: 1.0.0+git<commits>.<short commit>, so that every later commit upgrades.
build_deb() {
  local arch=$1 binary=$2 out="$artifacts/packages"
  local stage="$out/stage-$arch"
  rm -rf "$stage"
  mkdir -p "$stage/DEBIAN"

  # What the binary links: only the C library. Anything else would need a Depends of its own: stop here rather
  # than ship a package that installs and does not start.
  local needed
  needed=$(objdump -p "$binary" | awk '/NEEDED/ {print $2}' | grep -Ev '^(libc\.so\.6|libm\.so\.6|ld-linux-(x86-64|aarch64)\.so\.[0-9]+)$' || true)
  if [ -n "$needed" ]; then
    echo "build.sh package: $binary links $needed, which the package does not depend on: add it to package_depends" >&2
    exit 1
  fi
  local glibc
  glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)

  local upstream commits commit version
  upstream=$("$artifacts/publish/causeway" --version | cut -d+ -f1)
  commits=$(git rev-list --count HEAD 2>/dev/null || echo 0)
  commit=$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
  version="$upstream+git$commits.$commit"

  install -D -m 0755 "$binary" "$stage/usr/bin/causeway"
  install -D -m 0644 packaging/causeway.service "$stage/lib/systemd/system/causeway.service"
  install -D -m 0644 packaging/causeway-boot.service "$stage/lib/systemd/system/causeway-boot.service"
  install -D -m 0644 examples/causeway.toml "$stage/usr/share/doc/causeway/examples/causeway.toml"
  install -D -m 0644 packaging/debian/copyright "$stage/usr/share/doc/causeway/copyright"
  mkdir -p "$stage/usr/share/man/man8"
  gzip -9n <packaging/causeway.8 >"$stage/usr/share/man/man8/causeway.8.gz"
  {
    echo "causeway ($version) unstable; urgency=medium"
    echo
    echo "  * Built from commit $(git rev-parse HEAD 2>/dev/null || echo unknown)."
    echo
    echo " -- Causeway maintainers <maintainers@causeway.invalid>  $(date -R -d "@$SOURCE_DATE_EPOCH")"
  } | gzip -9n >"$stage/usr/share/doc/causeway/changelog.gz"
  chmod 0644 "$stage/usr/share/man/man8/causeway.8.gz" "$stage/usr/share/doc/causeway/changelog.gz"
  find "$stage" -type d -exec chmod 0755 {} +

  local size
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" \
    -e "s/@DEPENDS@/libc6 (>= $glibc), $package_depends/" packaging/debian/control.in >"$stage/DEBIAN/control"
  install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$stage/DEBIAN/"
  (cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
  chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

  local deb="$out/causeway_${version}_$arch.deb"
  # gzip: every dpkg reads it, and it takes seconds where xz takes half a minute (7.8 MB instead of 5.9).
  dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
  rm -rf "$stage"
  echo "built $deb ($(du -h "$deb" | cut -f1))" >&2
}

# Both packages, from artifacts/publish/causeway (amd64, made by publish) and the arm64 one.
build_debs() {
  log "building the .deb packages"
  rm -rf "$artifacts/packages"
  mkdir -p "$artifacts/packages"
  # Every file's date is the commit's: the same commit gives the same package.
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
  export SOURCE_DATE_EPOCH
  build_deb amd64 "$artifacts/publish/causeway"
  build_deb arm64 "$artifacts/publish-arm64/causeway"
  local arch
  for arch in amd64 arm64; do
    # shellcheck disable=SC2012
    printf -v "deb_$arch" '%s' "$(ls "$artifacts/packages/"causeway_*_"$arch".deb)"
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
  install_packages "${cross_packages[@]}"
  fetch_promtool
  log "checking formatting"
  dotnet format Causeway.slnx --verify-no-changes -v quiet
  log "building"
  dotnet build Causeway.slnx -c Release -nologo -v quiet
  publish
  publish_arm64
  build_debs
  export CAUSEWAY_BIN="$artifacts/causeway"
  export CAUSEWAY_LAB_BIN="$artifacts/causeway-lab"
  # The package test installs the amd64 one and runs the arm64 one's binary under qemu.
  export CAUSEWAY_DEB_AMD64="$deb_amd64" CAUSEWAY_DEB_ARM64="$deb_arm64"
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
  package)
    need_cross_packages
    log "publishing the NativeAOT binary for amd64"
    publish_product
    publish_arm64
    build_debs
    ;;
  test) run_tests ;;
  demo) shift; run_demo "$@" ;;
  bench)
    need_root bench
    install_packages
    publish
    "$root/bench/uno/run.sh" "$artifacts/causeway-lab"
    "$root/bench/duo/run.sh" "$artifacts/causeway-lab"
    "$root/bench/dinosaur/run.sh" "$artifacts/causeway-lab"
    "$root/bench/footprint/run.sh" "$artifacts/causeway-lab"
    ;;
  *)
    echo "usage: $0 build|package|test|demo|bench" >&2
    exit 2
    ;;
esac
