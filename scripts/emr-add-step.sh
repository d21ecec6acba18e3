#!/usr/bin/env bash
# Adds the pipeline as a custom-JAR step to a cluster and prints the step id. The step runs
#   hadoop jar s3://BUCKET/PREFIX/jars/fruits-pipeline.jar run [-D ...] --input ... --output ... --model ...
# on the primary node (the jar's manifest names the main class, so the step names none), reading
# images under input/, the model under models/, and writing output/RUN/.
#
#   scripts/emr-add-step.sh --bucket BUCKET [--prefix PREFIX] [--region REGION]
#       --cluster-id ID --run NAME [--input URI] [--scheme s3a|s3] [--kms-key-arn ARN]
#       [-D key=value ...] [--dry-run] [-- RUN_OPTIONS...]
#
#   --run NAME        names the output folder, output/NAME (letters, digits, . _ -; not . or ..)
#   --input URI       default SCHEME://BUCKET/PREFIX/input/
#   --scheme s3a      (default) S3A with the magic committer and SSE of configurations.json;
#            s3       EMRFS, committed with FileOutputCommitter v1 (renames are copies)
#   --kms-key-arn ARN write the output with SSE-KMS under this key (s3a only; -D options below)
#   -D key=value      a generic Hadoop option for the run, e.g. -D fruits.embed.batch-size=16
#   -- RUN_OPTIONS    further options of the run command, e.g. -- --pca-k 64
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

cluster_id=""
run_name=""
input=""
scheme=s3a
kms_key_arn=""
defines=()
run_options=()
while (($#)); do
  case "$1" in
    --cluster-id) cluster_id="$(option_value "$@")"; shift 2 ;;
    --run) run_name="$(option_value "$@")"; shift 2 ;;
    --input) input="$(option_value "$@")"; shift 2 ;;
    --scheme) scheme="$(option_value "$@")"; shift 2 ;;
    --kms-key-arn) kms_key_arn="$(option_value "$@")"; shift 2 ;;
    -D) defines+=(-D "$(option_value "$@")"); shift 2 ;;
    --) shift; run_options=("$@"); break ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
require_location
[[ "$cluster_id" =~ ^j-[A-Z0-9]+$ ]] || usage_error "--cluster-id must be a cluster id such as j-2AXXXXXXGAPLF"
require_run_name "$run_name"
[[ "$scheme" == s3a || "$scheme" == s3 ]] || usage_error "--scheme must be s3a or s3"
if [[ -z "$input" ]]; then
  input="$(s3_uri "$scheme" input)/"
fi
[[ "$input" =~ ^s3a?:// ]] || usage_error "--input must be an s3:// or s3a:// URI"
if [[ -n "$kms_key_arn" ]]; then
  [[ "$scheme" == s3a ]] \
    || usage_error "--kms-key-arn needs --scheme s3a; for s3:// set fs.s3.serverSideEncryption.kms.keyId in emrfs-site"
  defines+=(-D fs.s3a.encryption.algorithm=SSE-KMS -D "fs.s3a.encryption.key=$kms_key_arn")
fi

args=(run "${defines[@]}"
  --input "$input"
  --output "$(s3_uri "$scheme" "output/$run_name")"
  --model "$(s3_uri "$scheme" "models/$MODEL_NAME")"
  "${run_options[@]}")
step="$(work_file "step-$run_name.json")"
cat > "$step" <<JSON
[
  {
    "Type": "CUSTOM_JAR",
    "Name": $(json_string "fruits-pipeline $run_name"),
    "ActionOnFailure": "CONTINUE",
    "Jar": $(json_string "$(s3_uri jars/fruits-pipeline.jar)"),
    "Args": $(json_array "${args[@]}")
  }
]
JSON

step_id="$(aws_value s-DRYRUNSTEP emr add-steps --cluster-id "$cluster_id" --steps "file://$step" \
  --query 'StepIds[0]' --output text)"
log "step $step_id added; wait for it with: scripts/emr-wait-step.sh --bucket $BUCKET --prefix $PREFIX --cluster-id $cluster_id --step-id $step_id --run $run_name"
printf '%s\n' "$step_id"
