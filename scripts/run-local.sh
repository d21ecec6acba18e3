#!/usr/bin/env bash
# Runs the pipeline with Hadoop's local runner: no cluster and no Hadoop install, only Java 17.
#
#   scripts/run-local.sh [--verbose] [generic options] [run options]
#
# Without --input it embeds ../shared/data/fruits-360-sample; without --model it uses
# models/mobilenet_v2_1.0_224.onnx, or ../shared/models/mobilenet_v2_1.0_224.onnx when present
# (the _int8 file of the same name with --precision int8), else the ONNX Model Zoo's
# MobileNetV2 that scripts/get-model.sh downloads once into models/;
# without --output it writes target/demo-output (replaced on every run). Builds the jar first
# when it is missing or older than the sources.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/project-jar.sh
source "$root/scripts/lib/project-jar.sh"
find_or_build_jar run-local

log_config="$root/conf/local/log4j.properties"
args=()
for arg in "$@"; do
  # --verbose is this script's: Hadoop's INFO logging instead of warnings only.
  if [[ "$arg" == "--verbose" ]]; then
    log_config="$root/conf/local/log4j-verbose.properties"
  else
    args+=("$arg")
  fi
done
set -- ${args[@]+"${args[@]}"}

has() {
  local wanted="$1"; shift
  local arg
  for arg in "$@"; do
    [[ "$arg" == "$wanted" || "$arg" == "$wanted="* ]] && return 0
  done
  return 1
}

defaults=()
if ! has --input "$@"; then
  defaults+=(--input "$root/../shared/data/fruits-360-sample")
fi
if ! has --output "$@"; then
  defaults+=(--output "$root/target/demo-output" --overwrite)
fi
if ! has --model "$@" && ! has fruits.embed.model "$@"; then
  name=mobilenet_v2_1.0_224.onnx
  # --precision int8 without --model picks the int8 file.
  previous=""
  for arg in "$@"; do
    if [[ "$arg" == "--precision=int8" || ( "$previous" == "--precision" && "$arg" == "int8" ) ]]; then
      name=mobilenet_v2_1.0_224_int8.onnx
    fi
    previous="$arg"
  done
  model="$root/models/$name"
  [[ -f "$model" ]] || model="$root/../shared/models/$name"
  if [[ ! -f "$model" && "$name" == mobilenet_v2_1.0_224.onnx ]]; then
    # Anywhere else: the ONNX Model Zoo's MobileNetV2, fetched and checked once (prints its path).
    model="$("$root/scripts/get-model.sh" --jar "$jar")"
  fi
  if [[ ! -f "$model" ]]; then
    echo "run-local: no model; put $name in models/ (see models/README.md) or pass --model" >&2
    exit 2
  fi
  defaults+=(--model "$model")
fi

exec java -Xmx4g \
  -Dlog4j.configuration="file:$log_config" \
  -cp "$jar:$root/target/hadoop-lib/*" \
  io.fruits.pipeline.cli.Main run "$@" "${defaults[@]}"
