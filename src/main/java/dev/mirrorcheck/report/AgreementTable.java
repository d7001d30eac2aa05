package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The model of the {@code jpf --agree} pages: for each Java PathFinder configuration, what our
 * explorer and JPF itself concluded, how much each searched, and whether they agree.
 */
public final class AgreementTable {
  /** One configuration. */
  public record Row(
      /** The file, as given or found. */
      String config,
      /** Hand-written, or written by {@code jpf --export}. */
      boolean generated,
      /** The header's {@code # expect:} line, e.g. {@code error NoUncaughtExceptionsProperty}. */
      String expected,
      /** PASS, VIOLATION, BOUND_HIT or INCOMPLETE. */
      String ourVerdict,
      /** The property ids our explorer found violated (every distinct violation). */
      List<String> ourProperties,
      long ourExecutions,
      long ourTransitions,
      long ourMillis,
      /** no errors, errors, incomplete, or no result. */
      String jpfOutcome,
      /** The first error's JPF property class, short, or empty. */
      String jpfProperty,
      /** The mirrorcheck property id in JPF's first error, or empty. */
      String jpfPropertyId,
      /** New states, or -1 when JPF printed no statistics. */
      long jpfStates,
      long jpfInstructions,
      long jpfMillis,
      /** The time budget JPF had for this configuration. */
      int jpfBudgetSeconds,
      /** One of the {@code Agreement.Status} labels. */
      String status,
      /** What each engine said. */
      String reason,
      /** Whether the agreed verdict is the one the header expects. */
      boolean asExpected,
      /** JPF's console output, relative to the pages. */
      String log) {

    public Row {
      ourProperties = ImmutableList.copyOf(ourProperties);
    }

    /** Agreement as the header expects: what {@code jpf --agree} requires of a configuration. */
    public boolean good() {
      return status.equals("agree") && asExpected;
    }
  }

  private final String runId;
  private final String started;
  private final String version;
  private final String jvm;
  private final String jpf;
  private final Integer budgetOverride;
  private final ImmutableList<Row> rows;

  /** {@code budgetOverride}: the {@code --budget} given for every configuration, or null. */
  public AgreementTable(String runId, String started, String version, String jvm, String jpf,
      Integer budgetOverride, List<Row> rows) {
    this.runId = runId;
    this.started = started;
    this.version = version;
    this.jvm = jvm;
    this.jpf = jpf;
    this.budgetOverride = budgetOverride;
    this.rows = ImmutableList.copyOf(rows);
  }

  public String runId() {
    return runId;
  }

  public String started() {
    return started;
  }

  public String version() {
    return version;
  }

  public String jvm() {
    return jvm;
  }

  /** The Java PathFinder installation and the java that ran it. */
  public String jpf() {
    return jpf;
  }

  /** The budget {@code --budget} set for every configuration, or null: each had its own. */
  public Integer budgetOverride() {
    return budgetOverride;
  }

  public ImmutableList<Row> rows() {
    return rows;
  }

  /** Rows with {@code status}, hand-written or generated. */
  public long count(String status, boolean generated) {
    long n = 0;
    for (Row r : rows) {
      n += r.status().equals(status) && r.generated() == generated ? 1 : 0;
    }
    return n;
  }

  /**
   * What {@code jpf --agree} asks: every hand-written configuration agrees as its header expects,
   * and no generated one disagrees, could not run, or agrees on a verdict its header does not expect.
   */
  public boolean satisfied() {
    for (Row r : rows) {
      boolean ok = r.generated() ? r.status().equals("JPF incomplete") || r.good() : r.good();
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
