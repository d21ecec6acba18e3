#!/usr/bin/env bash
# EMR bootstrap action: stages the ONNX model on every node's local disk, so a run can pass
# --model file:///mnt/fruits/models/<name> and YARN localizes it from local disk instead of S3.
#
#   bootstrap-emr.sh s3://BUCKET/models/mobilenet_v2_1.0_224.onnx [DEST_DIR]
#
# Idempotent: a model already staged with the same size is kept. Fails loudly on any error,
# which makes EMR fail the cluster start instead of running jobs without a model.
set -euo pipefail

log() { echo "fruits-bootstrap: $*" >&2; }

if [[ $# -lt 1 || $# -gt 2 ]]; then
  log "usage: bootstrap-emr.sh s3://BUCKET/path/model.onnx [DEST_DIR]"
  exit 2
fi
model_uri="$1"
dest_dir="${2:-/mnt/fruits/models}"
target="$dest_dir/$(basename "$model_uri")"

sudo mkdir -p "$dest_dir"
sudo chmod 755 "$dest_dir"

remote_size="$(aws s3 ls "$model_uri" | awk '{print $3}')"
if [[ -z "$remote_size" ]]; then
  log "model $model_uri not found"
  exit 1
fi
if [[ -f "$target" && "$(stat -c %s "$target")" == "$remote_size" ]]; then
  log "model already staged at $target ($remote_size bytes)"
  exit 0
fi

log "copying $model_uri to $target"
tmp="$(mktemp "$dest_dir/.model.XXXXXX" 2>/dev/null || sudo mktemp "$dest_dir/.model.XXXXXX")"
sudo aws s3 cp --only-show-errors "$model_uri" "$tmp"
sudo chmod 644 "$tmp"
sudo mv -f "$tmp" "$target"
log "staged $target ($(stat -c %s "$target") bytes)"
