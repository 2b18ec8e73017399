#!/usr/bin/env bash
# Makes a private root holding Debian's OpenJDK 17 (headless JRE) for a Raspberry Pi architecture, to run it under
# qemu-user (qemu-aarch64-static / qemu-arm-static -L ROOT). The .debs are fetched with apt-get download using a
# private apt state (the machine's sources, none of its architectures or lists: nothing on the machine changes)
# and unpacked with dpkg-deb, never installed: they would not co-install with the machine's own Java.
#
# Usage: scripts/arm-java-root.sh arm64|armhf|armel     prints the root; ROOT/java.home holds the JVM's home
# Cache: $TELEINFO_ARM_CACHE, else ~/.cache/rpi-teleinfo/arm (kept across builds: the downloads are ~60 MB a root)
set -euo pipefail
arch=${1:?usage: arm-java-root.sh arm64|armhf|armel}
case "$arch" in
  arm64|armhf) extra=() ;;
  # armel's JRE is the Zero VM (interpreter only), which calls through libffi and needs libatomic for 64-bit atomics
  armel) extra=(libffi8 libatomic1) ;;
  *) echo "arm-java-root.sh: unknown architecture '$arch' (arm64, armhf or armel)" >&2; exit 2 ;;
esac
cache=${TELEINFO_ARM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rpi-teleinfo/arm}
root=$cache/root-$arch
if [ -f "$root/.complete" ]; then echo "$root"; exit 0; fi
# one maker at a time (several work trees may run the suite at once)
mkdir -p "$cache"
exec 8>"$cache/.lock-$arch"
flock -w 600 8
if [ -f "$root/.complete" ]; then echo "$root"; exit 0; fi

state=$cache/apt-$arch
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/debs"
[ -f "$state/status" ] || : >"$state/status"
apt_opts=(-q -o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
  -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
  -o "Dir::Cache=$state" -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o Debug::NoLocking=1)
# One index that cannot be read (a foreign-architecture security index caught mid-update) must not stop the run
# when the packages resolve from the others: the download below is what has to succeed.
apt-get "${apt_opts[@]}" update >&2 || echo "arm-java-root.sh: apt-get update ($arch) reported an error; using the indexes that were read" >&2
rm -f "$state"/debs/*.deb
(cd "$state/debs" && apt-get "${apt_opts[@]}" download openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g "${extra[@]}" >&2)

rm -rf "$root.tmp"
mkdir -p "$root.tmp"
for deb in "$state"/debs/*.deb; do dpkg-deb -x "$deb" "$root.tmp"; done
# Absolute links (lib/jvm.cfg -> /etc/java-17-openjdk/jvm-ARCH.cfg, the security files...) would be followed on the
# host, outside the root: make them point inside it.
find "$root.tmp" -type l -lname '/*' | while read -r link; do
  ln -sfn "$root$(readlink "$link")" "$link"
done
home=$(dirname "$(dirname "$(find "$root.tmp/usr/lib/jvm" -path '*/bin/java' | head -1)")")
ln -sfn "${home/#$root.tmp/$root}" "$root.tmp/java.home"
touch "$root.tmp/.complete"
mv "$root.tmp" "$root"
echo "$root"
