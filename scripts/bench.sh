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
#
#   scripts/bench.sh --listing N [-Dkey=value ...]     the driver's listing + splits of N synthetic
#                                                       files in 1,000 folders, in a 512 MB heap
#   scripts/bench.sh --incremental N [K]               an incremental run's comparison of N previous
#                                                       rows with N + 1 % synthetic files, every
#                                                       K-th previous row gone (default 1,000), and
#                                                       a task's lookups of the rows among those gone
# Both run the test classes' synth:// file system (no files on disk; see SyntheticFileSystem) and
# print time and heap; BENCH_HEAP overrides the 512m. -Dfruits.test.synth.list-latency-ms=30 makes
# every folder listing take 30 ms, as an object store's round trip does.
#
#   scripts/bench.sh --spark [--repeat N] [--input DIR] [--pca-k K]
#                                                       the pipeline's run against the Spark way
#                                                       (src/spark-baseline) on the same photos,
#                                                       each a process of its own, timed whole
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ "${1:-}" == "--spark" ]]; then
  shift
  exec "$root/scripts/lib/bench-spark.sh" "$@"
fi

if [[ "${1:-}" == "--listing" || "${1:-}" == "--incremental" ]]; then
  mode="$1"
  count="${2:?$1 needs a number of files}"
  shift 2
  cp_file="$root/target/test-classpath.txt"
  if [[ ! -f "$cp_file" ]] || [[ -n "$(find "$root/src" "$root/pom.xml" -newer "$cp_file" -print -quit)" ]]; then
    echo "bench: compiling the test classes" >&2
    (cd "$root" && mvn -q -B -DskipTests test-compile dependency:build-classpath \
      -Dmdep.outputFile="$cp_file") >&2
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp="$root/target/test-classes:$root/target/classes:$(cat "$cp_file")"
  java_opts=("-Xmx${BENCH_HEAP:-512m}" -Dlog4j.configuration="file:$root/conf/local/log4j.properties" -cp "$cp")
  if [[ "$mode" == "--listing" ]]; then
    java "${java_opts[@]}" io.fruits.pipeline.testing.ListingBench "$count" 1000 "file://$work" "$@"
  else
    java "${java_opts[@]}" io.fruits.pipeline.testing.IncrementalBench "$count" "file://$work" "$@"
  fi
  exit
fi
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
