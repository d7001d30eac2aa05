package dev.mirrorcheck.selftest;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import com.google.common.collect.Sets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runs one program through the reference and through the explorer, source- and optimal DPOR each with
 * block reduction off and on, and compares what they reach. The symmetry oracle
 * ({@link #withSymmetry}) runs source-DPOR without symmetry reduction and with each of its modes
 * instead: with symmetry, final states are compared up to a renaming of the interchangeable actors,
 * and each must also be one the reference reaches as it is (a reduced run explores real executions).
 */
public final class Differential {
  /** The explorer appends one of these per failed actor; the program's own text already says so. */
  private static final Pattern FAILED_SUFFIX = Pattern.compile("( \\[[^\\[\\]]+ failed\\])+$");

  private final int maxStates;
  private final Duration timeLimit;
  private final UnaryOperator<ExplorerOptions.Builder> settings;
  private final boolean symmetry;
  /** The DPOR variants compared (both by default). */
  private final Set<ExplorerOptions.Dpor> dpors;

  /**
   * @param maxStates reference states beyond which a program is skipped as too large
   * @param timeLimit explorer time per run beyond which a program is skipped
   */
  public Differential(int maxStates, Duration timeLimit) {
    this(maxStates, timeLimit, UnaryOperator.identity());
  }

  /** With {@code settings} applied to the explorer's options (tests use it to break the explorer). */
  public Differential(int maxStates, Duration timeLimit,
      UnaryOperator<ExplorerOptions.Builder> settings) {
    this(maxStates, timeLimit, settings, false);
  }

  private Differential(int maxStates, Duration timeLimit,
      UnaryOperator<ExplorerOptions.Builder> settings, boolean symmetry) {
    this(maxStates, timeLimit, settings, symmetry, EnumSet.allOf(ExplorerOptions.Dpor.class));
  }

  private Differential(int maxStates, Duration timeLimit,
      UnaryOperator<ExplorerOptions.Builder> settings, boolean symmetry,
      Set<ExplorerOptions.Dpor> dpors) {
    this.maxStates = maxStates;
    this.timeLimit = timeLimit;
    this.settings = settings;
    this.symmetry = symmetry;
    this.dpors = Sets.immutableEnumSet(dpors);
  }

  /**
   * The same comparison with the explorer's variants of one DPOR algorithm only (a long run of one
   * reduction, at twice the speed).
   */
  public Differential only(ExplorerOptions.Dpor dpor) {
    return new Differential(maxStates, timeLimit, settings, symmetry, EnumSet.of(dpor));
  }

  /** The symmetry oracle (see the class comment), with {@code settings} applied to the explorer. */
  public static Differential withSymmetry(int maxStates, Duration timeLimit,
      UnaryOperator<ExplorerOptions.Builder> settings) {
    return new Differential(maxStates, timeLimit, settings, true);
  }

  /** The explorer variants compared with the reference. */
  public enum Engine {
    PLAIN("explorer (source-DPOR) without block reduction", false, ExplorerOptions.Dpor.SOURCE),
    REDUCED("explorer (source-DPOR) with block reduction", true, ExplorerOptions.Dpor.SOURCE),
    OPTIMAL("explorer (optimal DPOR) without block reduction", false, ExplorerOptions.Dpor.OPTIMAL),
    OPTIMAL_REDUCED("explorer (optimal DPOR) with block reduction", true,
        ExplorerOptions.Dpor.OPTIMAL),
    SYMMETRY_START("explorer (source-DPOR, symmetry: start) with block reduction", true,
        ExplorerOptions.Dpor.SOURCE, ExplorerOptions.SymmetryMode.START),
    SYMMETRY_STATES_PLAIN("explorer (source-DPOR, symmetry: states) without block reduction",
        false, ExplorerOptions.Dpor.SOURCE, ExplorerOptions.SymmetryMode.STATES),
    SYMMETRY_STATES("explorer (source-DPOR, symmetry: states) with block reduction", true,
        ExplorerOptions.Dpor.SOURCE, ExplorerOptions.SymmetryMode.STATES);

    final String description;
    final boolean reduce;
    final ExplorerOptions.Dpor dpor;
    final ExplorerOptions.SymmetryMode symmetry;

    Engine(String description, boolean reduce, ExplorerOptions.Dpor dpor) {
      this(description, reduce, dpor, ExplorerOptions.SymmetryMode.OFF);
    }

    Engine(String description, boolean reduce, ExplorerOptions.Dpor dpor,
        ExplorerOptions.SymmetryMode symmetry) {
      this.description = description;
      this.reduce = reduce;
      this.dpor = dpor;
      this.symmetry = symmetry;
    }

    /** Whether this variant reduces by symmetry (its results are compared up to renaming). */
    public boolean symmetric() {
      return symmetry != ExplorerOptions.SymmetryMode.OFF;
    }

    /** Whether the normal comparison runs this variant, or (else) the symmetry oracle. */
    boolean inDifferential() {
      return !symmetric();
    }

    /** Whether the symmetry oracle runs this variant. */
    boolean inSymmetryOracle() {
      return symmetric() || this == PLAIN || this == REDUCED;
    }

    public String description() {
      return description;
    }
  }

  /**
   * What the engines reached ({@code explorer} per {@link Engine} ordinal, null where not run);
   * {@code disagreement} is null when they agree.
   */
  public record Comparison(Program program, Outcome reference, Outcome[] explorer,
      Engine engine, String disagreement) {

    /** Whether every engine finished, so the comparison means something. */
    public boolean complete() {
      if (!reference.complete()) {
        return false;
      }
      for (Outcome o : explorer) {
        if (o != null && !o.complete()) {
          return false;
        }
      }
      return true;
    }

    public boolean agrees() {
      return disagreement == null;
    }
  }

  /** Compares the engines on {@code p}; stops at the first explorer variant that disagrees. */
  public Comparison compare(Program p) {
    Outcome ref = Reference.explore(p, maxStates);
    Outcome[] got = new Outcome[Engine.values().length];
    if (!ref.complete()) {
      return new Comparison(p, ref, got, null, null);
    }
    Renaming renaming = new Renaming(p);
    for (Engine e : Engine.values()) {
      if ((symmetry ? !e.inSymmetryOracle() : !e.inDifferential()) || !dpors.contains(e.dpor)) {
        continue;
      }
      Outcome o = explore(p, e);
      got[e.ordinal()] = o;
      if (!o.complete()) {
        return new Comparison(p, ref, got, null, null);
      }
      String diff = e.symmetric()
          ? renaming.canonical(o).differenceFrom(renaming.canonical(ref)) + unreached(o, ref)
          : o.differenceFrom(ref);
      if (!diff.isEmpty()) {
        return new Comparison(p, ref, got, e, diff);
      }
    }
    return new Comparison(p, ref, got, null, null);
  }

  /** Final states of {@code o} that the reference does not reach as they are. */
  private static String unreached(Outcome o, Outcome ref) {
    StringBuilder sb = new StringBuilder();
    for (String s : o.finalStates()) {
      if (!ref.finalStates().contains(s)) {
        sb.append("  unreachable final state: ").append(s).append('\n');
      }
    }
    return sb.toString();
  }

  /** The explorer's outcome on {@code p}. */
  public Outcome explore(Program p, Engine engine) {
    ExplorerOptions.Builder b = ExplorerOptions.builder().stopAtFirst(false)
        .collectFinalStates(true).maxSteps(5000).reduce(engine.reduce).dpor(engine.dpor)
        .symmetry(engine.symmetry);
    if (timeLimit != null) {
      b.timeLimit(timeLimit);
    }
    Result r;
    try {
      r = new Explorer(settings.apply(b).build()).explore(new FacadeProgram(p));
    } catch (RuntimeException | StackOverflowError e) {
      // The explorer itself broke on a valid program: a disagreement of its own kind.
      return new Outcome(Set.of(), Set.of("CRASH|" + e), true, 0);
    }
    Set<String> finals = new TreeSet<>();
    for (String s : r.finalStates()) {
      finals.add(FAILED_SUFFIX.matcher(s).replaceAll(""));
    }
    Set<String> violations = new TreeSet<>();
    for (Finding f : r.findings()) {
      violations.add(f.kind() + "|" + f.property());
    }
    boolean complete = r.incompleteReason() == null && r.statistics().boundHits() == 0;
    return new Outcome(finals, violations, complete, r.statistics().executions(),
        r.statistics().reduction());
  }
}
