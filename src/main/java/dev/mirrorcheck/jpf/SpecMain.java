package dev.mirrorcheck.jpf;

import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecCodec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.sync.Harness;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of a scenario spec for Java PathFinder and our explorer: the configurations
 * {@code mirrorcheck jpf --export} writes. The arguments are the spec's lines as
 * {@link SpecCodec#encode} writes them (a mutant adds {@code mutation M..}); the program is the
 * spec's world and actors, run by the scenario layer's operation runner, with the spec's
 * properties installed by the property checkers, as {@code mirrorcheck check} runs it.
 */
public final class SpecMain {
  static final String USAGE = "spec scenario";

  private SpecMain() {}

  public static void main(String[] args) throws InterruptedException {
    NativeMain.run(harness(args));
  }

  /** The program {@link #main} runs, for our explorer; throws IllegalArgumentException on bad arguments. */
  public static Harness harness(String[] args) {
    List<String> lines = new ArrayList<>();
    for (String a : args) {
      lines.add(a.trim());
    }
    Spec spec;
    try {
      spec = SpecCodec.decode(lines);
    } catch (SpecException e) {
      throw new IllegalArgumentException(USAGE + ": " + e.getMessage(), e);
    }
    try {
      return ScenarioHarness.of(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(USAGE + ": " + e.getMessage(), e);
    }
  }
}
