package dev.mirrorcheck.nouveau;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nouveau's model on library scenarios (the whole applicable library is in docs/nouveau-model.md):
 * the teardown race passes; a GPU write to a page swapped in clean is lost at the next pageout
 * because PFNCLR does not dirty, and the same model with set_page_dirty keeps it.
 */
class NouveauSvmmTest {
  /** The library spec on {@code driver}; {@code dataOnly}: only its expect clauses are checked. */
  private static Result run(String spec, Class<?> driver, boolean dataOnly) throws Exception {
    String text = Files.readString(Path.of("specs", spec)) + "\ndriver: " + driver.getName() + "\n";
    Spec s = SpecParser.parse(spec, text.replaceAll("(?m)^(must-reach|kills):.*$", ""));
    ExplorerOptions o = ExplorerOptions.builder().maxSteps(s.maxSteps()).build();
    return new Explorer(o).explore(dataOnly
        ? ScenarioHarness.checking(s, Mutations.none(), List.of(), true) : ScenarioHarness.of(s));
  }

  @Test
  void theTeardownRacePasses() throws Exception {
    Result r = run("anon_teardown.yaml", NouveauSvmm.class, false);
    assertEquals(Result.Verdict.PASS, r.verdict(), r::toString);
  }

  @Test
  void aWriteToAPageSwappedInCleanIsLost() throws Exception {
    Result r = run("swap_device_write.yaml", NouveauSvmm.class, true);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r::toString);
    assertEquals("data", r.findings().get(0).property());
    assertTrue(r.findings().get(0).message().contains("returned 10, expected 77"), r::toString);
  }

  @Test
  void dirtyingOnUnmapKeepsIt() throws Exception {
    Result r = run("swap_device_write.yaml", NouveauSvmmDirtying.class, false);
    assertEquals(Result.Verdict.PASS, r.verdict(), r::toString);
  }
}
