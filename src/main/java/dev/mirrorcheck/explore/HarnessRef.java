package dev.mirrorcheck.explore;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a harness that a command line can rebuild: a kind (such as {@code calibration}) and
 * its parameters in a fixed order (such as {@code pages=3, faulters=2, variant=buggy}).
 */
public final class HarnessRef {
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]*");

  private final String kind;
  private final ImmutableMap<String, String> params;

  private HarnessRef(String kind, Map<String, String> params) {
    Preconditions.checkArgument(kind != null && KIND.matcher(kind).matches(),
        "harness kind must be a lower-case word such as 'calibration', got %s",
        kind == null ? "nothing" : "'" + kind + "'");
    for (Map.Entry<String, String> e : params.entrySet()) {
      Preconditions.checkArgument(e.getKey() != null && !e.getKey().isEmpty(),
          "harness parameter names must not be empty");
      Preconditions.checkArgument(e.getValue() != null,
          "harness parameter '%s' has no value", e.getKey());
    }
    this.kind = kind;
    this.params = ImmutableMap.copyOf(params); // keeps the caller's order
  }

  /** A reference with {@code params} in their iteration order. */
  public static HarnessRef of(String kind, Map<String, String> params) {
    return new HarnessRef(kind, params);
  }

  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  public String kind() {
    return kind;
  }

  /** The parameters, in the order they were given. */
  public ImmutableMap<String, String> params() {
    return params;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HarnessRef && ((HarnessRef) o).kind.equals(kind)
        && ((HarnessRef) o).params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, params);
  }

  /** For example {@code calibration(pages=3, faulters=2, variant=buggy)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind).append('(');
    String sep = "";
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return sb.append(')').toString();
  }

  /** Collects parameters in order. */
  public static final class Builder {
    private final String kind;
    private final ImmutableMap.Builder<String, String> params = ImmutableMap.builder();

    private Builder(String kind) {
      this.kind = kind;
    }

    public Builder param(String name, String value) {
      params.put(name, value);
      return this;
    }

    public Builder param(String name, long value) {
      return param(name, Long.toString(value));
    }

    public HarnessRef build() {
      return new HarnessRef(kind, params.buildOrThrow());
    }
  }
}
