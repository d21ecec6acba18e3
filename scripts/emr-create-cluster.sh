#!/usr/bin/env bash
# Creates the EMR cluster the pipeline runs on and prints its id: Hadoop only, 1 primary and N
# core m5.xlarge nodes (core nodes optionally Spot), conf/emr/configurations.json, the bootstrap
# action staging the model and log4j configuration on every node, logs to s3://BUCKET/PREFIX/logs/,
# the roles of emr-setup-iam.sh, auto-termination after an idle hour, and the project's tag
# (project=fruits-pipeline), without which the operator policy cannot run steps on it or end it.
# Run emr-upload.sh first.
#
#   scripts/emr-create-cluster.sh --bucket BUCKET [--prefix PREFIX] [--region REGION]
#       --subnet-id SUBNET [--core-nodes N] [--spot [--spot-max-price USD]]
#       [--instance-type TYPE] [--release-label LABEL] [--idle-timeout SECONDS]
#       [--key-name KEYPAIR] [--dry-run]
#
#   --core-nodes N        core nodes (default 2)
#   --spot                core nodes as Spot instances, at most --spot-max-price USD/hour each
#                         (default 0.192, the m5.xlarge on-demand price in us-east-1)
#   --release-label       default emr-7.12.0 (Hadoop 3.4.1, as the jar is built against)
#   --idle-timeout        seconds without a running step before EMR terminates it (default 3600)
#   --key-name KEYPAIR    EC2 key pair for SSH to the primary node (default: none)
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

subnet_id=""
core_nodes=2
spot=false
spot_max_price=0.192
instance_type=m5.xlarge
release_label=emr-7.12.0
idle_timeout=3600
key_name=""
while (($#)); do
  case "$1" in
    --subnet-id) subnet_id="$(option_value "$@")"; shift 2 ;;
    --core-nodes) core_nodes="$(option_value "$@")"; shift 2 ;;
    --spot) spot=true; shift ;;
    --spot-max-price) spot_max_price="$(option_value "$@")"; shift 2 ;;
    --instance-type) instance_type="$(option_value "$@")"; shift 2 ;;
    --release-label) release_label="$(option_value "$@")"; shift 2 ;;
    --idle-timeout) idle_timeout="$(option_value "$@")"; shift 2 ;;
    --key-name) key_name="$(option_value "$@")"; shift 2 ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
require_location
[[ -n "$subnet_id" ]] || usage_error "--subnet-id is required (a subnet tagged by emr-setup-iam.sh --subnet-id)"
[[ "$core_nodes" =~ ^[1-9][0-9]*$ ]] || usage_error "--core-nodes must be a positive integer"
[[ "$spot_max_price" =~ ^[0-9]+(\.[0-9]+)?$ ]] || usage_error "--spot-max-price must be a price in USD"
[[ "$instance_type" =~ ^[a-z0-9]+\.[a-z0-9]+$ ]] || usage_error "--instance-type '$instance_type' is not an EC2 type"
[[ "$release_label" =~ ^emr-7\.[0-9]+\.[0-9]+$ ]] || usage_error "--release-label must be an emr-7.x release"
if [[ ! "$idle_timeout" =~ ^[0-9]+$ ]] || ((idle_timeout < 60)); then
  usage_error "--idle-timeout must be a number of seconds, at least 60"
fi

core_market=""
if [[ "$spot" == true ]]; then
  core_market=", \"BidPrice\": $(json_string "$spot_max_price")"
fi
instance_groups="$(work_file instance-groups.json)"
cat > "$instance_groups" <<JSON
[
  {"Name": "primary", "InstanceGroupType": "MASTER", "InstanceType": $(json_string "$instance_type"), "InstanceCount": 1},
  {"Name": "core", "InstanceGroupType": "CORE", "InstanceType": $(json_string "$instance_type"), "InstanceCount": $core_nodes$core_market}
]
JSON
bootstrap_actions="$(work_file bootstrap-actions.json)"
cat > "$bootstrap_actions" <<JSON
[
  {
    "Name": "stage model and log4j configuration",
    "Path": $(json_string "$(s3_uri bootstrap/bootstrap-emr.sh)"),
    "Args": $(json_array --dest "$NODE_DIR" "$(s3_uri "models/$MODEL_NAME")" "$(s3_uri conf/log4j.properties)")
  }
]
JSON

ec2_attributes="InstanceProfile=$EC2_ROLE,SubnetId=$subnet_id"
if [[ -n "$key_name" ]]; then
  ec2_attributes+=",KeyName=$key_name"
fi

cluster_id="$(aws_value j-DRYRUNCLUSTER emr create-cluster \
  --name fruits-pipeline \
  --release-label "$release_label" \
  --applications Name=Hadoop \
  --service-role "$SERVICE_ROLE" \
  --ec2-attributes "$ec2_attributes" \
  --instance-groups "file://$instance_groups" \
  --configurations "file://$FRUITS_ROOT/conf/emr/configurations.json" \
  --bootstrap-actions "file://$bootstrap_actions" \
  --log-uri "$(s3_uri logs)/" \
  --auto-termination-policy "IdleTimeout=$idle_timeout" \
  --tags for-use-with-amazon-emr-managed-policies=true "$PROJECT_TAG_KEY=$PROJECT_TAG_VALUE" \
  --query ClusterId --output text)"
log "cluster $cluster_id is starting (about 10 minutes); add a step now, it runs once the cluster is up"
printf '%s\n' "$cluster_id"
