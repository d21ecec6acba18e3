#!/usr/bin/env bash
# Benchmark: ONNX Runtime's ceiling and the whole pipeline's images/s, fp32 and int8 side by side.
#
#   scripts/bench.sh [--repeat N] [--seconds S] [--input DIR] [generic -D options first]
#   scripts/bench.sh --photos [DIR] [--repeat N] [--seconds S]     phone-photo mode
#
# Defaults: ../shared/data/fruits-360-sample once, both models from ../shared/models (or models/).
# --photos without a folder takes ../shared/data/phone-photos (12 MP JPEGs), fp32 only.
# The JVM gets 1 GiB of heap per map task it runs (one per core), so a run that finishes shows a
# map task fits in 1 GiB at the configured batch size.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/fruits-pipeline.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "bench: building $jar" >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

find_model() {
  local name="$1"
  if [[ -f "$root/models/$name" ]]; then echo "$root/models/$name"; else echo "$root/../shared/models/$name"; fi
}

# --photos may come without its folder.
args=()
while (( $# )); do
  if [[ "$1" == "--photos" ]] && { (( $# == 1 )) || [[ "$2" == --* ]]; }; then
    args+=(--photos "$root/../shared/data/phone-photos")
  else
    args+=("$1")
  fi
  shift
done
has() { local a; for a in "${args[@]}"; do [[ "$a" == "$1" ]] && return 0; done; return 1; }
defaults=()
if ! has --photos; then
  has --input || defaults+=(--input "$root/../shared/data/fruits-360-sample")
  if ! has --int8-model && [[ -f "$(find_model mobilenet_v2_1.0_224_int8.onnx)" ]]; then
    defaults+=(--int8-model "$(find_model mobilenet_v2_1.0_224_int8.onnx)")
  fi
fi
has --model || defaults+=(--model "$(find_model mobilenet_v2_1.0_224.onnx)")

heap_gib=$(( $(nproc) + 1 ))
exec java "-Xmx${heap_gib}g" \
  -Dlog4j.configuration="file:$root/conf/local/log4j.properties" \
  -cp "$jar:$root/target/hadoop-lib/*" \
  io.fruits.pipeline.cli.Main bench "${args[@]}" "${defaults[@]}"
