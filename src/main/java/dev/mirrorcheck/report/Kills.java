package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The model mutants a scenario kills, the evidence a reviewer reads next to its PASS: the catalogue
 * mutations it is designated to catch ({@code kills:}, which {@code mutants --quick} verifies in CI)
 * and, when a PIT run over the model's source is present, the source mutants PIT credited to it
 * (PIT credits each killed mutant to the first scenario that failed).
 */
public record Kills(ImmutableList<String> catalogue, ImmutableList<String> pit, String pitSource) {
  public static final Kills NONE = new Kills(ImmutableList.of(), ImmutableList.of(), null);

  public Kills {
    catalogue = ImmutableList.copyOf(catalogue);
    pit = ImmutableList.copyOf(pit);
  }

  public static Kills of(List<String> catalogue, List<String> pit, String pitSource) {
    return new Kills(ImmutableList.copyOf(catalogue), ImmutableList.copyOf(pit), pitSource);
  }

  /** The same catalogue kills with PIT's credits, when {@code pit} is not null. */
  public Kills withPit(Kills pit) {
    return pit == null ? this : new Kills(catalogue, pit.pit(), pit.pitSource());
  }

  public boolean isEmpty() {
    return catalogue.isEmpty() && pit.isEmpty();
  }
}
