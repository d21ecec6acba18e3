#!/usr/bin/env bash
# Waits for a pipeline step to end, then prints the run's summary.json (from output/RUN/) on
# stdout. Exits 1 when the step failed or was cancelled, naming where its logs are.
#
#   scripts/emr-wait-step.sh --bucket BUCKET [--prefix PREFIX] [--region REGION]
#       --cluster-id ID --step-id ID --run NAME [--poll SECONDS] [--dry-run]
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

cluster_id=""
step_id=""
run_name=""
poll=30
while (($#)); do
  case "$1" in
    --cluster-id) cluster_id="$(option_value "$@")"; shift 2 ;;
    --step-id) step_id="$(option_value "$@")"; shift 2 ;;
    --run) run_name="$(option_value "$@")"; shift 2 ;;
    --poll) poll="$(option_value "$@")"; shift 2 ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
require_location
[[ "$cluster_id" =~ ^j-[A-Z0-9]+$ ]] || usage_error "--cluster-id must be a cluster id such as j-2AXXXXXXGAPLF"
[[ "$step_id" =~ ^s-[A-Z0-9]+$ ]] || usage_error "--step-id must be a step id such as s-1XXXXXXXXXXXX"
require_run_name "$run_name"
[[ "$poll" =~ ^[1-9][0-9]*$ ]] || usage_error "--poll must be a positive number of seconds"

while true; do
  state="$(aws_value COMPLETED emr describe-step --cluster-id "$cluster_id" --step-id "$step_id" \
    --query Step.Status.State --output text)"
  case "$state" in
    PENDING|CANCEL_PENDING|RUNNING) log "step $step_id is $state"; sleep "$poll" ;;
    COMPLETED) break ;;
    *)
      log "step $step_id ended $state; its logs: $(s3_uri "logs/$cluster_id/steps/$step_id/")"
      aws_run emr describe-step --cluster-id "$cluster_id" --step-id "$step_id" \
        --query Step.Status.FailureDetails --output text >&2 || true
      exit 1 ;;
  esac
done
log "step $step_id completed; summary of $(s3_uri "output/$run_name/"):"
aws_run s3 cp "$(s3_uri "output/$run_name/summary.json")" -
