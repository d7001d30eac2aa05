package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * What a scenario's spec says its check must find: a pass (the default), or a violation, optionally
 * of named properties, with where the spec declares it and the spec's own explanation of the finding.
 *
 * @param violation whether a violation is expected
 * @param properties the properties one of which must be violated (empty: any)
 * @param where where the spec declares it, such as {@code specs/x.yaml:27}, or null
 * @param explanation the spec's words on why the violation is expected (its comment), or null
 * @param explainedAt where those words are, such as {@code specs/x.yaml lines 5-9}, or null
 */
public record Expectation(boolean violation, ImmutableList<String> properties, String where,
    String explanation, String explainedAt) {

  /** The default: an exhaustive, violation-free pass. */
  public static final Expectation PASS =
      new Expectation(false, ImmutableList.of(), null, null, null);

  public Expectation {
    properties = properties == null ? ImmutableList.of() : ImmutableList.copyOf(properties);
  }

  /** A violation of one of {@code properties} (any property when empty). */
  public static Expectation violation(List<String> properties, String where, String explanation,
      String explainedAt) {
    return new Expectation(true, ImmutableList.copyOf(properties), where, explanation, explainedAt);
  }

  /** The first sentence of the explanation, at most about 120 characters, or null. */
  public String gist() {
    if (explanation == null) {
      return null;
    }
    int end = explanation.indexOf(". ");
    String first = end < 0 ? explanation : explanation.substring(0, end + 1);
    return first.length() <= 120 ? first : first.substring(0, 117) + "...";
  }

  /** {@code "a violation of S3"}, {@code "a violation of S1 or S3"}, {@code "a pass"}. */
  public String describe() {
    if (!violation) {
      return "a pass";
    }
    return properties.isEmpty() ? "a violation" : "a violation of " + String.join(" or ", properties);
  }
}
