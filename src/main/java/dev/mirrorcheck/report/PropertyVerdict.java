package dev.mirrorcheck.report;

import com.google.common.base.Preconditions;
import java.util.List;
import java.util.Objects;

/**
 * One property's row in a report: its id (such as {@code S3}), title, one-paragraph statement and
 * verdict; a violated property points at its counterexample by position in
 * {@link SpecReport#counterexamples()} (from 0).
 */
public record PropertyVerdict(
    String id, String title, String statement, Status status, int counterexample) {

  /** What the exploration established about the property. */
  public enum Status {
    /** No execution violated it (conclusive only when the spec's verdict is PASS). */
    PASS,
    /** Some execution violated it; {@link #counterexample()} shows one. */
    VIOLATED,
    /** The property does not apply to this scenario's design. */
    NOT_APPLICABLE
  }

  public PropertyVerdict {
    Preconditions.checkArgument(id != null && !id.isBlank(), "a property needs an id");
    Objects.requireNonNull(status, "status");
    title = title == null ? "" : title;
    statement = statement == null ? "" : statement;
    Preconditions.checkArgument(status == Status.VIOLATED ? counterexample >= 0 : counterexample == -1,
        "property %s: a counterexample position goes with VIOLATED, and only with it", id);
  }

  public static PropertyVerdict pass(String id, String title, String statement) {
    return new PropertyVerdict(id, title, statement, Status.PASS, -1);
  }

  public static PropertyVerdict violated(String id, String title, String statement, int counterexample) {
    return new PropertyVerdict(id, title, statement, Status.VIOLATED, counterexample);
  }

  public static PropertyVerdict notApplicable(String id, String title, String statement) {
    return new PropertyVerdict(id, title, statement, Status.NOT_APPLICABLE, -1);
  }

  /**
   * VIOLATED pointing at the first counterexample whose finding names {@code id}, else PASS: the
   * usual way to turn a checked property and the replayed findings into a row.
   */
  public static PropertyVerdict of(
      String id, String title, String statement, List<CounterexampleView> counterexamples) {
    for (int i = 0; i < counterexamples.size(); i++) {
      if (id.equals(counterexamples.get(i).finding().property())) {
        return violated(id, title, statement, i);
      }
    }
    return pass(id, title, statement);
  }
}
