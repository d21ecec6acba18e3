package io.fruits.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every shell script (scripts/*.sh, scripts/lib/*.sh, bootstrap/bootstrap-emr.sh) parses
 * ({@code bash -n}), passes shellcheck, runs under {@code set -euo pipefail} and is executable
 * (libraries excepted: they are sourced). Without shellcheck installed the check is skipped on a workstation but fails in CI
 * ({@code CI} set), which must install it.
 */
class ShellScriptsTest {

  @Test
  void everyScriptParsesAndIsStrict() throws Exception {
    for (Path script : ProjectFiles.shellScripts()) {
      Output syntax = run(List.of("bash", "-n", script.toString()));
      assertEquals(0, syntax.exit(), script + ": " + syntax.text());
      String text = Files.readString(script);
      if (!script.getParent().getFileName().toString().equals("lib")) {
        assertTrue(text.startsWith("#!/usr/bin/env bash\n"), script + " needs a bash shebang");
        assertTrue(text.contains("\nset -euo pipefail\n"), script + " must run with set -euo pipefail");
        assertTrue(Files.isExecutable(script), script + " must be executable (git update-index --chmod=+x)");
      }
    }
  }

  @Test
  void shellcheckFindsNothing() throws Exception {
    if (!shellcheckInstalled()) {
      if (System.getenv("CI") != null) {
        fail("shellcheck is not installed; CI must install it (apt-get install -y shellcheck)");
      }
      Assumptions.abort("shellcheck is not installed (apt-get install -y shellcheck)");
    }
    List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--severity=style"));
    for (Path script : ProjectFiles.shellScripts()) {
      command.add(ProjectFiles.root().relativize(script).toString());
    }
    Output result = run(command);
    assertEquals(0, result.exit(), "shellcheck:\n" + result.text());
  }

  private static boolean shellcheckInstalled() throws InterruptedException {
    try {
      return run(List.of("shellcheck", "--version")).exit() == 0;
    } catch (IOException notFound) {
      return false;
    }
  }

  private record Output(int exit, String text) {}

  private static Output run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(ProjectFiles.root().toFile())
        .redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Output(process.exitValue(), text);
  }
}
