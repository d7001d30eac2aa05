package dev.mirrorcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.MirrorInvariants;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioSmokeTest {
  private static final ScenarioHarness.Checks S1_S3 = (world, w) -> {
    for (Dmirror d : w.mirrors()) {
      MirrorInvariants.register(world, w.mm(), d.mmu());
    }
  };

  @Test
  void anonTeardownSpecPassesAndM3Fails() throws Exception {
    Spec spec = SpecParser.parse(Path.of("specs/anon_teardown.yaml"));
    Result ok = new Explorer(ExplorerOptions.builder().maxSteps(spec.maxSteps()).build())
        .explore(new ScenarioHarness(spec, Mutations.none(), S1_S3));
    System.out.println(ok);
    assertEquals(Result.Verdict.PASS, ok.verdict());
    Result bad = new Explorer(ExplorerOptions.builder().maxSteps(spec.maxSteps()).build())
        .explore(new ScenarioHarness(spec, Mutations.of(Mutation.M3), S1_S3));
    System.out.println(bad);
    assertEquals(Result.Verdict.VIOLATION, bad.verdict());
  }
}
