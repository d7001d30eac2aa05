package dev.mirrorcheck.cli;

import dev.mirrorcheck.spec.Spec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The time a {@code check} gives each design of a spec: {@code --time-limit} (or the spec's own
 * {@code engine: time-limit}) is the budget of the whole spec, shared by the designs it lists in the
 * order they run; {@code --time-limit-per-design} caps each design. A design that finds its spec's
 * budget spent still gets one second, so it reports INCOMPLETE rather than nothing.
 */
final class TimeBudget {
  private static final Duration MIN = Duration.ofSeconds(1);

  private final Duration perSpec; // null: the spec's own, if any
  private final Duration perDesign; // null: none
  private final LongSupplier nanoTime;
  private final Map<String, Long> started = new HashMap<>();

  TimeBudget(Duration perSpec, Duration perDesign) {
    this(perSpec, perDesign, System::nanoTime);
  }

  TimeBudget(Duration perSpec, Duration perDesign, LongSupplier nanoTime) {
    this.perSpec = perSpec;
    this.perDesign = perDesign;
    this.nanoTime = nanoTime;
  }

  /** The limit for exploring {@code spec} now, or null for none; starts its file's clock. */
  Duration forDesignOf(Spec spec) {
    Duration whole = perSpec != null ? perSpec
        : spec.timeLimitSeconds() > 0 ? Duration.ofSeconds(spec.timeLimitSeconds()) : null;
    long now = nanoTime.getAsLong();
    long since = started.computeIfAbsent(spec.file(), f -> now);
    Duration left = null;
    if (whole != null) {
      left = whole.minusNanos(now - since);
      left = left.compareTo(MIN) < 0 ? MIN : left;
    }
    if (perDesign == null) {
      return left;
    }
    return left == null || perDesign.compareTo(left) < 0 ? perDesign : left;
  }
}
