#!/usr/bin/env bash
# Uploads what a cluster and its runs read to s3://BUCKET/PREFIX/: the jar, the model, the
# bootstrap action and the driver's log4j configuration; with --data, a folder of images
# (<class>/<file>, as Fruits-360) to input/. Objects are written with server-side encryption:
# SSE-S3 by default, SSE-KMS with --kms-key-arn.
#
#   scripts/emr-upload.sh --bucket BUCKET [--prefix PREFIX] [--region REGION] [--data DIR]
#       [--jar FILE] [--model FILE] [--kms-key-arn ARN] [--dry-run]
#
#   --jar FILE    default target/fruits-pipeline.jar (build it with `mvn package`)
#   --model FILE  default models/mobilenet_v2_1.0_224.onnx, else ../shared/models/ (see models/README.md)
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

jar="$FRUITS_ROOT/target/fruits-pipeline.jar"
model=""
data=""
kms_key_arn=""
while (($#)); do
  case "$1" in
    --jar) jar="$(option_value "$@")"; shift 2 ;;
    --model) model="$(option_value "$@")"; shift 2 ;;
    --data) data="$(option_value "$@")"; shift 2 ;;
    --kms-key-arn) kms_key_arn="$(option_value "$@")"; shift 2 ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
require_location
if [[ -z "$model" ]]; then
  model="$FRUITS_ROOT/models/$MODEL_NAME"
  [[ -f "$model" ]] || model="$FRUITS_ROOT/../shared/models/$MODEL_NAME"
fi
[[ -f "$jar" ]] || usage_error "no jar at $jar: build it with 'mvn package' or pass --jar"
[[ -f "$model" ]] || usage_error "no model at $model: see models/README.md or pass --model"
[[ -z "$data" || -d "$data" ]] || usage_error "--data $data is not a folder"

sse=(--sse AES256)
if [[ -n "$kms_key_arn" ]]; then
  sse=(--sse aws:kms --sse-kms-key-id "$kms_key_arn")
fi

aws_run s3 cp "${sse[@]}" --only-show-errors "$jar" "$(s3_uri jars/fruits-pipeline.jar)"
aws_run s3 cp "${sse[@]}" --only-show-errors "$model" "$(s3_uri "models/$(basename "$model")")"
aws_run s3 cp "${sse[@]}" --only-show-errors "$FRUITS_ROOT/bootstrap/bootstrap-emr.sh" \
  "$(s3_uri bootstrap/bootstrap-emr.sh)"
aws_run s3 cp "${sse[@]}" --only-show-errors "$FRUITS_ROOT/conf/emr/log4j.properties" \
  "$(s3_uri conf/log4j.properties)"
if [[ -n "$data" ]]; then
  aws_run s3 sync "${sse[@]}" --only-show-errors "$data" "$(s3_uri input)/"
fi
