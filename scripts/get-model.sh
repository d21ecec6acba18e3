#!/usr/bin/env bash
# Gets a public ImageNet MobileNetV2 for the pipeline on a machine that has none: downloads the
# ONNX Model Zoo's mobilenetv2-12 archive (pinned to one commit), checks its sha256, makes the
# pooled features an output with the jar's `model add-output` and writes its descriptor (NCHW,
# torch scaling), then moves both into the models folder:
#   models/mobilenetv2-12-pooled.onnx  models/mobilenetv2-12-pooled.json
# Needs curl, tar and Java 17 (no Python). Progress goes to stderr; the model's path to stdout.
# scripts/run-local.sh calls it when it finds no model and no --model is given.
#
#   scripts/get-model.sh [--models-dir DIR] [--url URL] [--sha256 HEX] [--jar FILE] [--force]
#
#   --models-dir DIR  where the model goes (default: the project's models/)
#   --url URL         fetch the archive from URL instead: a mirror, or file:///path/to/it.tar.gz
#                     (default: $FRUITS_MODEL_URL, else the ONNX Model Zoo on GitHub)
#   --sha256 HEX      the archive's sha256 (default: $FRUITS_MODEL_SHA256, else the pinned
#                     archive's, which a mirror of the same file keeps)
#   --jar FILE        the fruits-pipeline.jar to convert with, hadoop-lib/ next to it (default:
#                     target/fruits-pipeline.jar, built when missing or older than the sources)
#   --force           fetch again even when the model is already there
#
# Exit codes: 0 the model is in place; 2 it could not be fetched (no network, another checksum,
# not the expected archive, a tool missing), with one line saying why and nothing left in DIR.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/project-jar.sh
source "$root/scripts/lib/project-jar.sh"

# github.com/onnx/models, validated/vision/classification/mobilenet/model/mobilenetv2-12.tar.gz:
# a Git LFS object, so it is served by GitHub's media host; sha256 from its LFS pointer.
ZOO_COMMIT=2a67a85e670e61bf9819e9df6dae3771974552ff
ZOO_URL="https://media.githubusercontent.com/media/onnx/models/$ZOO_COMMIT/validated/vision/classification/mobilenet/model/mobilenetv2-12.tar.gz"
ZOO_SHA256=5f83b422708a708b592a5fd56d84710038511789df3ae510b84123930c37762d
NAME=mobilenetv2-12-pooled

say() {
  printf 'get-model: %s\n' "$*" >&2
}

fail() {
  say "$*"
  exit 2
}

models_dir="$root/models"
url="${FRUITS_MODEL_URL:-$ZOO_URL}"
sha256="${FRUITS_MODEL_SHA256:-$ZOO_SHA256}"
jar=""
force=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --models-dir|--url|--sha256|--jar)
      [[ $# -ge 2 ]] || fail "$1 needs a value"
      case "$1" in
        --models-dir) models_dir="$2" ;;
        --url) url="$2" ;;
        --sha256) sha256="$2" ;;
        --jar) jar="$2" ;;
      esac
      shift 2 ;;
    --force) force=true; shift ;;
    *) fail "unknown argument '$1'; usage: scripts/get-model.sh [--models-dir DIR] [--url URL] [--sha256 HEX] [--jar FILE] [--force]" ;;
  esac
done
[[ "$sha256" =~ ^[0-9a-fA-F]{64}$ ]] || fail "--sha256 must be 64 hex digits, got '$sha256'"
sha256="$(printf '%s' "$sha256" | tr '[:upper:]' '[:lower:]')"

model="$models_dir/$NAME.onnx"
descriptor="$models_dir/$NAME.json"
if [[ "$force" == false && -f "$model" && -f "$descriptor" ]]; then
  say "$model is already there (--force fetches it again)"
  printf '%s\n' "$model"
  exit 0
fi

for tool in curl tar java; do
  command -v "$tool" >/dev/null || fail "$tool is needed to get the model and is not installed"
done
if command -v sha256sum >/dev/null; then
  sha256_of() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null; then
  sha256_of() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  fail "sha256sum (or shasum) is needed to check the download and is not installed"
fi
if [[ -z "$jar" ]]; then
  find_or_build_jar get-model
fi
[[ -f "$jar" ]] || fail "jar $jar does not exist"

mkdir -p "$models_dir" || fail "cannot create $models_dir"
# Everything is made in a folder inside DIR (so the final moves are renames) and removed on exit.
work="$(mktemp -d "$models_dir/.get-model.XXXXXX")" || fail "cannot write in $models_dir"
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM

say "downloading $url"
archive="$work/archive.tar.gz"
if ! curl --fail --location --silent --show-error --connect-timeout 30 \
    --speed-limit 1024 --speed-time 60 --output "$archive" "$url" 2>"$work/curl.log"; then
  fail "cannot download $url: $(tail -n 1 "$work/curl.log") (--url or FRUITS_MODEL_URL takes a mirror or a file:// copy)"
fi
actual="$(sha256_of "$archive")"
if [[ "$actual" != "$sha256" ]]; then
  fail "$url is not the expected file: its sha256 is $actual ($(wc -c <"$archive" | tr -d ' ') bytes), expected $sha256"
fi

tar -tzf "$archive" >"$work/entries" 2>"$work/tar.log" \
  || fail "$url is not a tar.gz archive: $(tail -n 1 "$work/tar.log")"
found=0
entry=""
while IFS= read -r line; do
  if [[ "$line" == *.onnx ]]; then
    found=$((found + 1))
    entry="$line"
  fi
done <"$work/entries"
[[ "$found" -eq 1 ]] || fail "$url holds $found .onnx files; expected exactly one (the model)"
case "/$entry/" in
  */../*) fail "$url: refusing the archive entry '$entry', which points outside the archive" ;;
esac
mkdir "$work/archive"
tar -xzf "$archive" -C "$work/archive" "$entry" 2>"$work/tar.log" \
  || fail "cannot extract $entry from $url: $(tail -n 1 "$work/tar.log")"
[[ -f "$work/archive/$entry" && ! -L "$work/archive/$entry" ]] \
  || fail "$url: $entry is not a regular file"

# The zoo model outputs logits only: add its last GlobalAveragePool's output and describe the
# copy (NCHW read from its input, torch scaling as the model zoo documents for it).
mkdir "$work/out"
if ! java -Dlog4j.configuration="file:$root/conf/local/log4j.properties" \
    -cp "$jar:$(dirname "$jar")/hadoop-lib/*" io.fruits.pipeline.cli.Main \
    model add-output "$work/archive/$entry" "$work/out/$NAME.onnx" --scaling torch \
    >"$work/convert.log" 2>&1; then
  reason="$(grep -m 1 '^fruits-pipeline model: ' "$work/convert.log" || tail -n 1 "$work/convert.log")"
  fail "cannot make a feature extractor of $entry: ${reason#fruits-pipeline model: }"
fi
say "$(head -n 1 "$work/convert.log")"

mv -f "$work/out/$NAME.json" "$descriptor"
# The model last: a model file in DIR always has its descriptor.
mv -f "$work/out/$NAME.onnx" "$model" || { rm -f "$descriptor"; fail "cannot move the model into $models_dir"; }
say "wrote $model and its descriptor $descriptor"
printf '%s\n' "$model"
