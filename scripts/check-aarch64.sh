#!/usr/bin/env bash
# Checks that the cluster jar's native libraries load and compute alike on Linux aarch64 (EMR's
# Graviton nodes) and x86-64: runs testing/NativeCheck (decode phone photos through OpenCV, embed
# them with ONNX Runtime) from target/fruits-pipeline.jar on this machine's JVM and on an arm64
# JVM under qemu user-mode emulation, then compares the model inputs and features.
#
#   scripts/check-aarch64.sh [PHOTO...]     (default: three of ../shared/data/phone-photos/)
#
# Needs: target/fruits-pipeline.jar and target/hadoop-lib/ (mvn package; $FRUITS_JAR names another
# jar, with hadoop-lib/ next to it), qemu-aarch64-static (Debian: apt-get install
# qemu-user-static), and an arm64 Java 17: the script unpacks Debian's
# openjdk-17-jre-headless:arm64 and the libraries it needs into target/aarch64-sysroot/ with
# apt-get download (needs `dpkg --add-architecture arm64 && apt-get update` once). Nothing is
# installed for arm64. Takes about a minute (the emulated JVM is ~10x slower).
# Exit: 0 the two machines agree, 1 they differ or a run failed, 77 skipped (no qemu or no
# arm64 packages), with one line saying why.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${FRUITS_SHARED_DIR:-$root/../shared}"
jar="${FRUITS_JAR:-target/fruits-pipeline.jar}"
build="$(dirname "$jar")"
sysroot="$build/aarch64-sysroot"
model="$shared/models/mobilenet_v2_1.0_224.onnx"
photos=("$@")
if [ ${#photos[@]} -eq 0 ]; then
  # Baseline (1/8 decode), progressive panorama (1/2 decode), one with a restart interval.
  photos=("$shared/data/phone-photos/kachi.jpg" "$shared/data/phone-photos/mangos1.jpg"
    "$shared/data/phone-photos/chestnut1.jpg")
fi
skip() { echo "check-aarch64: skipped: $*" >&2; exit 77; }

if [ ! -f "$jar" ] || [ ! -d "$build/hadoop-lib" ]; then
  echo "check-aarch64: no $jar; run mvn package" >&2
  exit 1
fi
qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
[ -n "$qemu" ] || skip "no qemu-aarch64-static (apt-get install qemu-user-static)"

if [ ! -x "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" ]; then
  debs="$(mktemp -d)"
  trap 'rm -rf "$debs"' EXIT
  # The JRE, the C and C++ runtimes the natives link against, and what libawt/liblcms load.
  (cd "$debs" && apt-get download openjdk-17-jre-headless:arm64 libc6:arm64 libgcc-s1:arm64 \
      libstdc++6:arm64 zlib1g:arm64 libgomp1:arm64 liblcms2-2:arm64 libjpeg62-turbo:arm64 \
      libfreetype6:arm64 libpng16-16:arm64 libbrotli1:arm64 libbz2-1.0:arm64 \
      libgfortran5:arm64 >/dev/null 2>&1) \
    || skip "apt-get download of the arm64 JRE failed (run: dpkg --add-architecture arm64 && apt-get update)"
  mkdir -p "$sysroot"
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$sysroot"; done
fi

out="$build/native-check"
mkdir -p "$out"
javac -d "$out" -cp "$jar:$build/hadoop-lib/*" src/test/java/io/fruits/pipeline/testing/NativeCheck.java
cp="$jar:$build/hadoop-lib/*:$out"
main=io.fruits.pipeline.testing.NativeCheck
java -cp "$cp" "$main" "$model" "$out/x86_64.bin" "${photos[@]}" 2>"$out/x86_64.err"
# The emulated JVM extracts the arm64 libraries to a cache of its own.
"$qemu" -L "$sysroot" "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" \
  -Dorg.bytedeco.javacpp.cachedir="$(cd "$out" && pwd)/javacpp-cache-arm64" \
  -cp "$cp" "$main" "$model" "$out/aarch64.bin" "${photos[@]}" 2>"$out/aarch64.err" \
  || { echo "check-aarch64: the aarch64 run failed:" >&2; cat "$out/aarch64.err" >&2; exit 1; }

python3 - "$out/x86_64.bin" "$out/aarch64.bin" "${#photos[@]}" <<'PY'
import struct, sys
a = open(sys.argv[1], "rb").read()
b = open(sys.argv[2], "rb").read()
photos = int(sys.argv[3])
inputs, features = 224 * 224 * 3, 1280
per = inputs + features
if len(a) != len(b) or len(a) != 4 * per * photos:
    sys.exit(f"check-aarch64: output sizes differ: {len(a)} and {len(b)} bytes")
x = struct.unpack(f">{len(a) // 4}f", a)
y = struct.unpack(f">{len(b) // 4}f", b)
ok = True
for i in range(photos):
    xi, yi = x[i * per:(i + 1) * per], y[i * per:(i + 1) * per]
    input_diff = max(abs(p - q) for p, q in zip(xi[:inputs], yi[:inputs]))
    fx, fy = xi[inputs:], yi[inputs:]
    dot = sum(p * q for p, q in zip(fx, fy))
    cosine = dot / (sum(p * p for p in fx) ** 0.5 * sum(q * q for q in fy) ** 0.5)
    feature_diff = max(abs(p - q) for p, q in zip(fx, fy))
    # One 8-bit level is 1/127.5 after scaling; SIMD colour conversion may round differently.
    good = input_diff <= 1 / 127.5 + 1e-6 and cosine >= 0.99999
    ok &= good
    print(f"photo {i + 1}: inputs max |x86-64 - aarch64| {input_diff:.3g}, "
          f"features max {feature_diff:.3g}, cosine {cosine:.9f} {'ok' if good else 'DIFFERENT'}")
print("check-aarch64: aarch64 agrees with x86-64" if ok else "check-aarch64: aarch64 DIFFERS")
sys.exit(0 if ok else 1)
PY
