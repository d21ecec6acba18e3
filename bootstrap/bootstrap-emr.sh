#!/usr/bin/env bash
# EMR bootstrap action: copies what the pipeline needs from S3 to local disk on every node, before
# Hadoop starts: the driver's log4j configuration (configurations.json's hadoop-env points
# HADOOP_CLIENT_OPTS at it) and the ONNX model (for runs started on the cluster with
# --model file:///mnt/fruits/<model>.onnx).
#
#   bootstrap-emr.sh [--dest DIR] s3://BUCKET/KEY...        (DIR defaults to /mnt/fruits)
#
# Each object lands at DIR/<its file name>, readable by all, with the object's Last-Modified time
# as its mtime: every node's copy then looks the same to YARN's distributed cache, which refuses a
# file:// resource whose time differs from the driver's. Idempotent: a file already staged with
# the object's size and time is kept. Any failure exits non-zero, which fails the cluster start
# instead of leaving jobs to fail later without their files.
set -euo pipefail

log() {
  echo "fruits-bootstrap: $*" >&2
}

fail() {
  log "FAILED: $*"
  exit 1
}

dest=/mnt/fruits
uris=()
while (($#)); do
  case "$1" in
    --dest)
      [[ $# -ge 2 && -n "$2" ]] || fail "--dest needs a folder"
      dest="$2"
      shift 2 ;;
    s3://*) uris+=("$1"); shift ;;
    *) fail "usage: bootstrap-emr.sh [--dest DIR] s3://BUCKET/KEY...; got '$1'" ;;
  esac
done
((${#uris[@]} > 0)) || fail "usage: bootstrap-emr.sh [--dest DIR] s3://BUCKET/KEY..."

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

log "staging ${#uris[@]} file(s) into $dest"
sudo mkdir -p "$dest"
sudo chmod 755 "$dest"

for uri in "${uris[@]}"; do
  [[ "$uri" =~ ^s3://([^/]+)/(.*[^/])$ ]] || fail "$uri is not an s3://BUCKET/KEY object URI"
  bucket="${BASH_REMATCH[1]}"
  key="${BASH_REMATCH[2]}"
  target="$dest/${key##*/}"

  meta="$(aws s3api head-object --bucket "$bucket" --key "$key" \
    --query '[ContentLength, LastModified]' --output text)" \
    || fail "cannot read $uri: missing, or the instance profile may not read it"
  read -r size modified <<< "$meta"
  [[ "$size" =~ ^[0-9]+$ && -n "$modified" ]] || fail "unexpected metadata for $uri: '$meta'"
  epoch="$(date -d "$modified" +%s)" || fail "cannot parse the Last-Modified time '$modified' of $uri"

  if [[ -f "$target" && "$(stat -c %s "$target")" == "$size" && "$(stat -c %Y "$target")" == "$epoch" ]]; then
    log "$target is already staged ($size bytes, $modified)"
    continue
  fi
  log "copying $uri ($size bytes) to $target"
  aws s3 cp --only-show-errors "$uri" "$staging/object" || fail "cannot copy $uri"
  [[ "$(stat -c %s "$staging/object")" == "$size" ]] || fail "$uri arrived truncated"
  sudo install -m 0644 "$staging/object" "$target.partial"
  sudo touch -d "@$epoch" "$target.partial"
  sudo mv -f "$target.partial" "$target"
  rm -f "$staging/object"
  log "staged $target"
done
log "done"
