#!/usr/bin/env bash
# Terminates the cluster and waits until it is gone (billing stops then). The bucket is kept:
# delete s3://BUCKET/PREFIX/output/ or logs/ yourself when you no longer need them.
#
#   scripts/emr-terminate.sh [--region REGION] --cluster-id ID [--no-wait] [--dry-run]
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

cluster_id=""
wait=true
while (($#)); do
  case "$1" in
    --cluster-id) cluster_id="$(option_value "$@")"; shift 2 ;;
    --no-wait) wait=false; shift ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
[[ "$cluster_id" =~ ^j-[A-Z0-9]+$ ]] || usage_error "--cluster-id must be a cluster id such as j-2AXXXXXXGAPLF"

aws_run emr terminate-clusters --cluster-ids "$cluster_id"
if [[ "$wait" == true ]]; then
  aws_run emr wait cluster-terminated --cluster-id "$cluster_id"
  log "cluster $cluster_id terminated"
fi
