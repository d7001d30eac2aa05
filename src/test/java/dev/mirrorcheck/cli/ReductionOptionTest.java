package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code engine: {reduce: source|optimal}} and {@code --reduce}: which DPOR explores a spec. */
class ReductionOptionTest {
  private static final String SPEC = String.join("\n",
      "scenario: r",
      "pages: 1",
      "mappings:",
      "  - {anon: 0, perm: rw, populate: [10]}",
      "actors:",
      "  munmap: [munmap 0]",
      "  fault: [device-fault 0 read]",
      "");

  private static ExplorerOptions.Dpor dpor(String engine, String flag) throws SpecException {
    Spec spec = SpecParser.parse("r.yaml", SPEC + engine);
    ExplorerOptionsMixin flags = new ExplorerOptionsMixin();
    flags.dpor = flag;
    return SpecCheck.options(spec, flags).build().dpor();
  }

  @Test
  void optimalUnlessTheSpecOrTheCommandLineSaysSource() throws SpecException {
    assertEquals(ExplorerOptions.Dpor.OPTIMAL, dpor("", null));
    assertEquals(ExplorerOptions.Dpor.OPTIMAL, dpor("engine: {reduce: true}\n", null));
    assertEquals(ExplorerOptions.Dpor.SOURCE, dpor("engine: {reduce: source}\n", null));
    assertEquals(ExplorerOptions.Dpor.OPTIMAL, dpor("engine: {reduce: optimal}\n", null));
    assertEquals(ExplorerOptions.Dpor.OPTIMAL, dpor("engine: {reduce: source}\n", "optimal"));
    assertEquals(ExplorerOptions.Dpor.SOURCE, dpor("engine: {reduce: true}\n", "source"));
  }

  @Test
  void aMisspeltReductionIsOneLineNamingTheFileAndLine() {
    SpecException e = assertThrows(SpecException.class,
        () -> SpecParser.parse("r.yaml", SPEC + "engine: {reduce: optimum}\n"));
    assertTrue(e.getMessage().matches("r\\.yaml:\\d+: reduce must be true, false, source or "
        + "optimal, got 'optimum'"), e.getMessage());
  }

  @Test
  void aMisspeltFlagIsAUsageError() throws Exception {
    Path dir = Files.createTempDirectory("reduce");
    Path spec = Files.writeString(dir.resolve("r.yaml"), SPEC);
    CliRun r = CliRun.of("check", spec.toString(), "--reduce", "fast", "--out", dir.toString());
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.err.contains("--reduce must be source or optimal, got 'fast'"), r.toString());
  }
}
