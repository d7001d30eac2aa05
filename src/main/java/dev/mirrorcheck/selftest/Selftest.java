package dev.mirrorcheck.selftest;

import dev.mirrorcheck.explore.ExplorerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The differential self-test loop: generates programs from consecutive seeds, compares the engines
 * on each, minimises disagreements and counts what was covered.
 */
public final class Selftest {

  /** How a run goes. */
  public record Options(int programs, long seed, Set<Feature> features, Duration timeLimit,
      int maxStates, Duration perRun, int maxDisagreements) {

    public Options {
      Set<Feature> copy = EnumSet.noneOf(Feature.class);
      copy.addAll(features);
      features = Collections.unmodifiableSet(copy);
    }

    /** Defaults: every feature, 200,000 reference states and 20 s per explorer run. */
    public static Options of(int programs, long seed) {
      return new Options(programs, seed, EnumSet.allOf(Feature.class), null, 200_000,
          Duration.ofSeconds(20), 3);
    }

    public Options withFeatures(Set<Feature> f) {
      return new Options(programs, seed, f, timeLimit, maxStates, perRun, maxDisagreements);
    }

    public Options withTimeLimit(Duration t) {
      return new Options(programs, seed, features, t, maxStates, perRun, maxDisagreements);
    }
  }

  /** A disagreement: the generated program, its minimised form, and how the engines differ. */
  public record Disagreement(long seed, Program program, Program minimised,
      Differential.Engine engine, String difference) {}

  /**
   * What a run found. {@code optimalRuns}: runs of an optimal-DPOR variant on programs compared;
   * {@code stayedOptimal}: those that met no context-dependent step (the rest ran source-DPOR).
   */
  public record Report(int generated, int compared, int skipped, Map<Feature, Integer> features,
      List<Disagreement> disagreements, boolean timedOut, long millis, int optimalRuns,
      int stayedOptimal) {

    public Report {
      Map<Feature, Integer> copy = new EnumMap<>(Feature.class);
      copy.putAll(features);
      features = Collections.unmodifiableMap(copy);
      disagreements = List.copyOf(disagreements);
    }

    public boolean agreed() {
      return disagreements.isEmpty();
    }
  }

  private final Options options;
  private final Differential diff;
  /** Programs with interchangeable actors ({@link ProgramGenerator#generateSymmetric}). */
  private final boolean symmetric;

  public Selftest(Options options) {
    this(options, new Differential(options.maxStates(), options.perRun()));
  }

  /** With a given comparison (tests use one whose explorer is broken on purpose). */
  public Selftest(Options options, Differential diff) {
    this(options, diff, false);
  }

  private Selftest(Options options, Differential diff, boolean symmetric) {
    this.options = options;
    this.diff = diff;
    this.symmetric = symmetric;
  }

  /**
   * The symmetry oracle: programs with interchangeable actors, explored with and without symmetry
   * reduction ({@link Differential#withSymmetry}); {@code settings} as in {@link Differential}.
   */
  public static Selftest symmetry(Options options,
      java.util.function.UnaryOperator<dev.mirrorcheck.explore.ExplorerOptions.Builder> settings) {
    return new Selftest(options,
        Differential.withSymmetry(options.maxStates(), options.perRun(), settings), true);
  }

  /** Runs; a progress description goes to {@code progress} (when not null) about every second. */
  public Report run(Consumer<String> progress) {
    ProgramGenerator gen = new ProgramGenerator(options.features());
    Map<Feature, Integer> counts = new EnumMap<>(Feature.class);
    List<Disagreement> found = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = options.timeLimit() == null ? Long.MAX_VALUE
        : start + options.timeLimit().toNanos();
    long lastProgress = start;
    int generated = 0;
    int compared = 0;
    int skipped = 0;
    int optimalRuns = 0;
    int stayedOptimal = 0;
    boolean timedOut = false;
    for (int i = 0; i < options.programs(); i++) {
      long now = System.nanoTime();
      if (now >= deadline) {
        timedOut = true;
        break;
      }
      if (progress != null && now - lastProgress >= 1_000_000_000L) {
        lastProgress = now;
        progress.accept(String.format("%,d programs compared, %,d skipped, %d disagreement(s), "
            + "%.1fs elapsed", compared, skipped, found.size(), (now - start) / 1e9));
      }
      long seed = options.seed() + i;
      Program p = symmetric ? gen.generateSymmetric(seed) : gen.generate(seed);
      generated++;
      Differential.Comparison c = diff.compare(p);
      if (!c.complete()) {
        skipped++;
        continue;
      }
      compared++;
      for (Differential.Engine e : Differential.Engine.values()) {
        Outcome o = c.explorer()[e.ordinal()];
        if (e.dpor == ExplorerOptions.Dpor.OPTIMAL && o != null) {
          optimalRuns++;
          stayedOptimal += "optimal".equals(o.reduction()) ? 1 : 0;
        }
      }
      for (Feature f : Feature.of(p)) {
        counts.merge(f, 1, Integer::sum);
      }
      if (!c.agrees()) {
        Program small = new Minimiser(q -> {
          Differential.Comparison d = diff.compare(q);
          return d.complete() && !d.agrees();
        }).minimise(p);
        Differential.Comparison m = diff.compare(small);
        found.add(new Disagreement(seed, p, small, m.engine(), m.disagreement()));
        if (found.size() >= options.maxDisagreements()) {
          break;
        }
      }
    }
    return new Report(generated, compared, skipped, counts, found, timedOut,
        (System.nanoTime() - start) / 1_000_000, optimalRuns, stayedOptimal);
  }
}
