#!/usr/bin/env bash
# Copies the jar's --help text into README.md's Usage block (HelpTextTest checks they are equal).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package
help="$(java -cp "target/fruits-pipeline.jar:target/hadoop-lib/*" io.fruits.pipeline.cli.Main --help)"
HELP="$help" python3 - <<'PY'
import os
text = open("README.md", encoding="utf-8").read()
start = text.index("```text\n", text.index("\n## Usage")) + len("```text\n")
end = text.index("```", start)
open("README.md", "w", encoding="utf-8").write(text[:start] + os.environ["HELP"] + "\n" + text[end:])
PY
