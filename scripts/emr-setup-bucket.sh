#!/usr/bin/env bash
# Hardens the project's bucket from the reviewed documents in conf/s3/ (run it once, as the
# bucket's owner):
#   bucket policy  denies every request without TLS, uploads asking for another encryption than
#                  the project's (SSE-S3, or SSE-KMS with --kms-key-arn) and uploads with
#                  customer-provided keys (SSE-C), which the pipeline could not read back
#   lifecycle      aborts multipart uploads under PREFIX/ left incomplete for 7 days (a crashed
#                  job's pending committer uploads, which are billed but invisible)
#   encryption     with --kms-key-arn, SSE-KMS under that key becomes the bucket's default, so
#                  uploads that name no encryption (EMR's log pushes) use it too; without it the
#                  default stays SSE-S3, which every bucket has
# A bucket that has a policy or a lifecycle configuration already keeps it: put-bucket-policy and
# put-bucket-lifecycle-configuration replace the whole document, so merge the rendered one by hand.
#
#   scripts/emr-setup-bucket.sh --bucket BUCKET [--prefix PREFIX] [--region REGION]
#       [--kms-key-arn ARN] [--dry-run]
#
# The rendered documents are written to target/emr/s3/ (or $FRUITS_EMR_WORK_DIR/s3/).
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

kms_key_arn=""
while (($#)); do
  case "$1" in
    --kms-key-arn) kms_key_arn="$(option_value "$@")"; shift 2 ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
require_location
if [[ -n "$kms_key_arn" ]]; then
  require_kms_key_arn "$kms_key_arn"
  policy="$(render s3/bucket-policy-sse-kms)"
  encryption="$(render s3/bucket-encryption-sse-kms)"
  aws_run s3api put-bucket-encryption --bucket "$BUCKET" \
    --server-side-encryption-configuration "file://$encryption"
else
  policy="$(render s3/bucket-policy-sse-s3)"
fi
lifecycle="$(render s3/lifecycle)"

if aws_succeeds s3api get-bucket-policy --bucket "$BUCKET"; then
  log "bucket $BUCKET has a policy; left as it is: merge the statements of $policy into it"
else
  aws_run s3api put-bucket-policy --bucket "$BUCKET" --policy "file://$policy"
fi
if aws_succeeds s3api get-bucket-lifecycle-configuration --bucket "$BUCKET"; then
  log "bucket $BUCKET has a lifecycle configuration; left as it is: add the rule of $lifecycle to it"
else
  aws_run s3api put-bucket-lifecycle-configuration --bucket "$BUCKET" \
    --lifecycle-configuration "file://$lifecycle"
fi
