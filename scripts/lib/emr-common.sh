# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are read by the scripts that source this file
# Shared by scripts/emr-*.sh (source it after `set -euo pipefail`): the project's S3 layout,
# option parsing, logging, JSON quoting, and `aws` calls that --dry-run prints instead of running.
#
# Options every script takes:
#   --bucket NAME    the project's S3 bucket (default: $FRUITS_BUCKET)
#   --prefix PATH    key prefix of everything in it (default: $FRUITS_PREFIX, else fruits-pipeline)
#   --region REGION  AWS region (default: the AWS CLI's own: $AWS_REGION, profile, ...)
#   --dry-run        print the exact aws commands, one per line, instead of running them
#
# Credentials are never read or passed here: the AWS CLI finds its own (environment variables,
# ~/.aws profile or SSO, an instance role).
#
# S3 layout under s3://BUCKET/PREFIX/:
#   jars/fruits-pipeline.jar  models/<model>.onnx  bootstrap/bootstrap-emr.sh  conf/log4j.properties
#   input/...  (images, <class>/<file>)  output/<run>/  (one folder per run)  logs/  (EMR log URI)

FRUITS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Files the scripts generate (rendered policies, step and instance-group JSON).
FRUITS_WORK_DIR="${FRUITS_EMR_WORK_DIR:-$FRUITS_ROOT/target/emr}"
EC2_ROLE="fruits-emr-ec2"
SERVICE_ROLE="fruits-emr-service"
MODEL_NAME="mobilenet_v2_1.0_224.onnx"
# The tag every cluster of the project carries; the operator policy acts only on clusters with it.
PROJECT_TAG_KEY="project"
PROJECT_TAG_VALUE="fruits-pipeline"
# Where bootstrap-emr.sh stages files on every node.
NODE_DIR="/mnt/fruits"

DRY_RUN=false
BUCKET="${FRUITS_BUCKET:-}"
PREFIX="${FRUITS_PREFIX:-fruits-pipeline}"
REGION=""
# How many arguments common_option consumed.
COMMON_SHIFT=0

# The script's own stdout, kept for dry-run lines printed from inside $(...).
exec 3>&1

log() {
  printf '%s: %s\n' "${0##*/}" "$*" >&2
}

usage_error() {
  log "$*"
  log "see ${0##*/} --help"
  exit 2
}

# Prints the comment block at the top of the calling script, without the '# '.
print_help() {
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
}

# common_option "$@": handles one common option at $1, setting COMMON_SHIFT; exits 2 on anything else.
common_option() {
  case "$1" in
    --dry-run) DRY_RUN=true; COMMON_SHIFT=1 ;;
    --bucket) BUCKET="$(option_value "$@")"; COMMON_SHIFT=2 ;;
    --prefix) PREFIX="$(option_value "$@")"; COMMON_SHIFT=2 ;;
    --region) REGION="$(option_value "$@")"; COMMON_SHIFT=2 ;;
    -h|--help) print_help; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
}

# option_value "$@": the value following option $1, refusing a missing one.
option_value() {
  if [[ $# -lt 2 || -z "$2" || "$2" == --* ]]; then
    usage_error "$1 needs a value"
  fi
  printf '%s' "$2"
}

# Checks --bucket and --prefix; call after parsing.
require_location() {
  [[ -n "$BUCKET" ]] || usage_error "--bucket is required (or set FRUITS_BUCKET)"
  [[ "$BUCKET" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || usage_error "--bucket '$BUCKET' is not an S3 bucket name"
  [[ "$PREFIX" =~ ^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$ ]] \
    || usage_error "--prefix '$PREFIX' must be a key prefix such as fruits-pipeline or team/fruits (no leading or trailing /)"
}

# require_run_name NAME: NAME must be one folder under output/; "." and ".." would name output/
# itself or the prefix above it, which a run with --overwrite deletes.
require_run_name() {
  [[ "$1" =~ ^[A-Za-z0-9._-]+$ && "$1" != . && "$1" != .. ]] \
    || usage_error "--run '$1' must name one folder under output/ (letters, digits, . _ -; not . or ..)"
}

# require_kms_key_arn ARN: refuses anything but a KMS key ARN.
require_kms_key_arn() {
  [[ "$1" =~ ^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$ ]] \
    || usage_error "--kms-key-arn '$1' is not a KMS key ARN"
}

# render conf/FOLDER/NAME.json: fills its __PLACEHOLDERS__ from the script's settings into the work
# folder and prints the new file's path; exits 1 when one stays unfilled.
render() {
  local target
  target="$(work_file "$1.json")"
  mkdir -p "$(dirname "$target")"
  sed -e "s|__BUCKET__|$BUCKET|g" -e "s|__PREFIX__|$PREFIX|g" -e "s|__ACCOUNT_ID__|${account_id:-}|g" \
    -e "s|__REGION__|$REGION|g" -e "s|__EC2_ROLE__|$EC2_ROLE|g" -e "s|__SERVICE_ROLE__|$SERVICE_ROLE|g" \
    -e "s|__KMS_KEY_ARN__|${kms_key_arn:-}|g" -e "s|__PROJECT_TAG_KEY__|$PROJECT_TAG_KEY|g" \
    -e "s|__PROJECT_TAG_VALUE__|$PROJECT_TAG_VALUE|g" "$FRUITS_ROOT/conf/$1.json" > "$target"
  if grep -q '__[A-Z_]*__' "$target"; then
    log "unfilled placeholder in $target"
    exit 1
  fi
  printf '%s' "$target"
}

# s3_uri [SCHEME] PATH: a project location, e.g. `s3_uri models/x.onnx` or `s3_uri s3a output/run1`.
s3_uri() {
  if [[ $# -eq 2 ]]; then
    printf '%s://%s/%s/%s' "$1" "$BUCKET" "$PREFIX" "$2"
  else
    printf 's3://%s/%s/%s' "$BUCKET" "$PREFIX" "$1"
  fi
}

# A file in the work folder, which is created when missing.
work_file() {
  mkdir -p "$FRUITS_WORK_DIR"
  printf '%s/%s' "$FRUITS_WORK_DIR" "$1"
}

# json_string TEXT: TEXT as a JSON string literal.
json_string() {
  local text="$1"
  if [[ "$text" =~ [[:cntrl:]] ]]; then
    usage_error "control characters are not allowed: '$text'"
  fi
  text="${text//\\/\\\\}"
  text="${text//\"/\\\"}"
  printf '"%s"' "$text"
}

# json_array VALUE...: the values as a JSON array of strings.
json_array() {
  local out="[" separator="" value
  for value in "$@"; do
    out+="$separator$(json_string "$value")"
    separator=", "
  done
  printf '%s]' "$out"
}

# The command line, shell-quoted so that it can be pasted back into a shell.
quoted() {
  local line
  printf -v line '%q ' "$@"
  printf '%s' "${line% }"
}

# aws ARG...: runs the AWS CLI (with --region when given); with --dry-run prints the command on
# the script's stdout instead.
aws_run() {
  local command=(aws)
  if [[ -n "$REGION" ]]; then
    command+=(--region "$REGION")
  fi
  command+=("$@")
  if [[ "$DRY_RUN" == true ]]; then
    printf '%s\n' "$(quoted "${command[@]}")" >&3
    return 0
  fi
  log "$(quoted "${command[@]}")"
  "${command[@]}"
}

# aws_value PLACEHOLDER ARG...: the command's output (an id); PLACEHOLDER in a dry run.
aws_value() {
  local placeholder="$1"
  shift
  if [[ "$DRY_RUN" == true ]]; then
    aws_run "$@"
    printf '%s\n' "$placeholder"
  else
    aws_run "$@"
  fi
}

# aws_succeeds ARG...: whether the command succeeds (output discarded); false in a dry run.
aws_succeeds() {
  if [[ "$DRY_RUN" == true ]]; then
    aws_run "$@"
    return 1
  fi
  aws_run "$@" > /dev/null 2>&1
}
