#!/usr/bin/env bash
# Creates the two IAM roles an EMR cluster of this project runs with, once per account, from the
# reviewed documents in conf/iam/ (run it as someone allowed to manage IAM):
#   fruits-emr-service  EMR's service role: AmazonEMRServicePolicy_v2 plus passing the role below
#   fruits-emr-ec2      the nodes' instance profile: S3 under s3://BUCKET/PREFIX only
#                       (read everything there, write output/ and logs/)
# No AWS-managed "full access" policy is involved. Roles that exist already are left alone.
#
#   scripts/emr-setup-iam.sh --bucket BUCKET [--prefix PREFIX] [--region REGION]
#       [--account-id ID] [--kms-key-arn ARN] [--subnet-id SUBNET] [--dry-run]
#
#   --kms-key-arn ARN   also let the nodes use this KMS key (for SSE-KMS writes)
#   --subnet-id SUBNET  tag the subnet the cluster will use, as AmazonEMRServicePolicy_v2 requires
#                       (for-use-with-amazon-emr-managed-policies=true)
# The rendered policies, including conf/iam/operator-policy.json for the people or CI that run the
# other scripts, are written to target/emr/iam/ (or $FRUITS_EMR_WORK_DIR/iam/).
set -euo pipefail
# shellcheck source=scripts/lib/emr-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/emr-common.sh"

account_id=""
kms_key_arn=""
subnet_id=""
while (($#)); do
  case "$1" in
    --account-id) account_id="$(option_value "$@")"; shift 2 ;;
    --kms-key-arn) kms_key_arn="$(option_value "$@")"; shift 2 ;;
    --subnet-id) subnet_id="$(option_value "$@")"; shift 2 ;;
    *) common_option "$@"; shift "$COMMON_SHIFT" ;;
  esac
done
require_location
if [[ -z "$REGION" ]]; then
  REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
fi
[[ -n "$REGION" ]] || usage_error "--region is required (the trust policy names it)"
[[ "$REGION" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || usage_error "--region '$REGION' is not an AWS region"
if [[ -z "$account_id" ]]; then
  account_id="$(aws_value 123456789012 sts get-caller-identity --query Account --output text)"
fi
[[ "$account_id" =~ ^[0-9]{12}$ ]] || usage_error "account id '$account_id' is not 12 digits"

ec2_trust="$(render iam/ec2-trust-policy)"
ec2_policy="$(render iam/ec2-instance-policy)"
service_trust="$(render iam/emr-service-trust-policy)"
service_pass_role="$(render iam/emr-service-pass-role-policy)"
operator_policy="$(render iam/operator-policy)"

if aws_succeeds iam get-role --role-name "$EC2_ROLE"; then
  log "role $EC2_ROLE exists; left as it is"
else
  aws_run iam create-role --role-name "$EC2_ROLE" --assume-role-policy-document "file://$ec2_trust"
  aws_run iam put-role-policy --role-name "$EC2_ROLE" --policy-name fruits-s3 \
    --policy-document "file://$ec2_policy"
  aws_run iam create-instance-profile --instance-profile-name "$EC2_ROLE"
  aws_run iam add-role-to-instance-profile --instance-profile-name "$EC2_ROLE" --role-name "$EC2_ROLE"
fi
if [[ -n "$kms_key_arn" ]]; then
  require_kms_key_arn "$kms_key_arn"
  kms_policy="$(render iam/ec2-kms-policy)"
  aws_run iam put-role-policy --role-name "$EC2_ROLE" --policy-name fruits-kms \
    --policy-document "file://$kms_policy"
fi

if aws_succeeds iam get-role --role-name "$SERVICE_ROLE"; then
  log "role $SERVICE_ROLE exists; left as it is"
else
  aws_run iam create-role --role-name "$SERVICE_ROLE" --assume-role-policy-document "file://$service_trust"
  aws_run iam attach-role-policy --role-name "$SERVICE_ROLE" \
    --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2
  aws_run iam put-role-policy --role-name "$SERVICE_ROLE" --policy-name fruits-pass-ec2-role \
    --policy-document "file://$service_pass_role"
fi

if [[ -n "$subnet_id" ]]; then
  aws_run ec2 create-tags --resources "$subnet_id" \
    --tags Key=for-use-with-amazon-emr-managed-policies,Value=true
fi
log "policy for whoever runs the other scripts (attach it to their user, group or role): $operator_policy"
