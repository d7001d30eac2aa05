package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code fuzz} recognises a finding the library documents: design, property and triggering
 * operations, with munmap, madvise, pageout and the OOM reaper as one trigger.
 */
class FuzzKnownFindingTest {
  @TempDir Path tmp;

  /** Finding 1 of the 2015 RFC as fuzz seed 12 met it: through madvise, not munmap. */
  private static final String THROUGH_MADVISE = """
      scenario: fuzz_hmm2015_12_15
      design: hmm2015
      pages: 1
      frames: 8
      mappings:
        - {anon: 0, perm: rw, populate: [10]}
      umems:
        - {name: mr0, pages: 0, registered: false}
      actors:
        a0: [umem-register mr0, madvise-dontneed 0]
        a1: [odp-fault 0 umem mr0]
        a2: [ucontext-close]
      """;

  @Test
  void anotherZapIsTheSameTrigger() throws IOException {
    assertEquals("specs/hmm2015_ucontext_close_vs_munmap.yaml",
        FuzzCommand.knownBy(spec(THROUGH_MADVISE), "S3", documented()).replace('\\', '/'));
  }

  @Test
  void anotherPropertyOrAMissingTriggerIsNew() throws IOException {
    assertNull(FuzzCommand.knownBy(spec(THROUGH_MADVISE), "S5", documented()));
    String withoutClose = THROUGH_MADVISE.replace("  a2: [ucontext-close]\n", "");
    assertNull(FuzzCommand.knownBy(spec(withoutClose), "S3", documented()));
  }

  private Spec spec(String text) throws IOException {
    Path f = Files.writeString(tmp.resolve("finding.yaml"), text);
    return SpecFiles.parse(List.of(f)).get(0);
  }

  /** The library's specs that expect a violation of the correct protocol. */
  static List<Spec> documented() {
    List<Spec> out = new ArrayList<>();
    for (Spec s : SpecFiles.parse(SpecFiles.find(List.of(Path.of("specs"))))) {
      if (s.expect() == Spec.Expect.VIOLATION && s.mutations().isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
