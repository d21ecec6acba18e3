#!/usr/bin/env bash
# scripts/bench.sh --spark [--repeat N] [--input DIR] [--pca-k K]: times a local run of the
# pipeline and the Spark way (src/spark-baseline: Spark 3.5 local, the pipeline's own per-image
# code and ONNX Runtime settings, Spark ML's PCA with the k the pipeline chose, or K) on the same
# photos, each as a process of its own from start to exit, with the same heap; prints both and
# their ratio, and the baseline's check that it computed the pipeline's features.
# Defaults: ../shared/data/fruits-360-sample once, ../shared/models' float MobileNetV2 (or models/).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat=1
pca_k=()
input="$root/../shared/data/fruits-360-sample"
while (( $# )); do
  case "$1" in
    --repeat) repeat="${2:?--repeat needs a number}"; shift 2 ;;
    --input) input="${2:?--input needs a folder}"; shift 2 ;;
    --pca-k) pca_k=(--pca-k "${2:?--pca-k needs a number}"); shift 2 ;;
    *) echo "bench --spark: unknown argument $1" >&2; exit 2 ;;
  esac
done
model="$root/models/mobilenet_v2_1.0_224.onnx"
[[ -f "$model" ]] || model="$root/../shared/models/mobilenet_v2_1.0_224.onnx"

# shellcheck source=scripts/lib/project-jar.sh
source "$root/scripts/lib/project-jar.sh"
find_or_build_jar bench
baseline="$root/src/spark-baseline"
if [[ ! -f "$baseline/target/classpath.txt" ]] \
    || [[ -n "$(find "$baseline/src" "$baseline/pom.xml" "$root/target/fruits-pipeline-0.1.0-SNAPSHOT.jar" -newer "$baseline/target/classpath.txt" -print -quit)" ]]; then
  echo "bench: building the Spark baseline (downloads Spark 3.5 once)" >&2
  (cd "$baseline" && mvn -q -B package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt) >&2
  # The plugin leaves the file alone when the class path is unchanged; it marks the build.
  touch "$baseline/target/classpath.txt"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The layout of the Java benchmark's --repeat (cli.Replicas): copy-<i>/<class>/<photo>, links only.
mkdir "$work/input"
for (( i = 0; i < repeat; i++ )); do
  cp -rs "$(cd "$input" && pwd)" "$work/input/copy-$i"
done
images=$(find -L "$work/input" -type f -iname '*.jpg' | wc -l)
heap="$(( $(nproc) + 1 ))g"
echo "bench --spark: $images JPEGs ($repeat × $input), $(nproc) cores, heap $heap each"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { print b - a }'; }
start=$(seconds)
java "-Xmx$heap" -Dlog4j.configuration="file:$root/conf/local/log4j.properties" \
  -cp "$jar:$root/target/hadoop-lib/*" io.fruits.pipeline.cli.Main run \
  --input "$work/input" --output "$work/pipeline" --model "$model" ${pca_k[@]+"${pca_k[@]}"} \
  > "$work/pipeline.log" 2>&1 \
  || { cat "$work/pipeline.log" >&2; exit 1; }
pipeline=$(elapsed "$start")
k=$(grep -o '"pcaComponents" *: *[0-9]*' "$work/pipeline/summary.json" | grep -o '[0-9]*$')
explained=$(grep -o '"pcaExplainedVariance" *: *[0-9.]*' "$work/pipeline/summary.json" | grep -o '[0-9.]*$')

# What Spark's own launcher adds on Java 17.
opens=()
for package in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action \
    sun.util.calendar; do
  opens+=("--add-opens=java.base/$package=ALL-UNNAMED")
done
start=$(seconds)
java "-Xmx$heap" "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -cp "$baseline/target/classes:$(cat "$baseline/target/classpath.txt")" \
  io.fruits.baseline.SparkBaseline "$work/input" "$work/spark" "$model" "$k" "$work/pipeline" \
  > "$work/spark.log" 2>&1 \
  || { cat "$work/spark.log" >&2; exit 1; }
spark=$(elapsed "$start")

grep -E '^(spark-baseline:|  (session|embed|pca fit|project|check) )' "$work/spark.log"
awk -v n="$images" -v p="$pipeline" -v s="$spark" -v k="$k" -v e="$explained" 'BEGIN {
  printf "fruits-pipeline run  %8.1f s  %6.1f images/s (k = %d, explained variance %.6f)\n", p, n / p, k, e
  printf "Spark way            %8.1f s  %6.1f images/s\n", s, n / s
  printf "ratio                %8.2f (Spark seconds / pipeline seconds)\n", s / p
}'
