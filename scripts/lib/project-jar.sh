# shellcheck shell=bash
# Shared by the scripts that run the jar on this machine (run-local.sh, get-model.sh); source it
# after `set -euo pipefail`.

# Sets `jar` to the project's target/fruits-pipeline.jar, building it first when it is missing
# or older than the sources; $1 names the script in the message.
find_or_build_jar() {
  local project
  project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  jar="$project/target/fruits-pipeline.jar"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$project/src/main" "$project/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "$1: building $jar" >&2
    (cd "$project" && mvn -q -B -DskipTests package) >&2
  fi
}
