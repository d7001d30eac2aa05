package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.HarnessRef;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The parameters of a harness reference as a harness kind reads them: typed, with one-line errors,
 * and a check that nothing was left unread (a misspelt parameter must not be silently ignored).
 */
final class HarnessParams {
  private final HarnessRef ref;
  private final Set<String> unread;
  private final java.util.function.Consumer<String> notes;

  HarnessParams(HarnessRef ref) {
    this(ref, note -> { });
  }

  /** {@code notes} receives what a harness kind tells the user while rebuilding it. */
  HarnessParams(HarnessRef ref, java.util.function.Consumer<String> notes) {
    this.ref = ref;
    this.unread = new LinkedHashSet<>(ref.params().keySet());
    this.notes = notes;
  }

  /** Tells the user something about how the harness was rebuilt (one line). */
  void note(String line) {
    notes.accept(line);
  }

  int integer(String name) {
    String v = required(name);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw error("parameter '" + name + "' must be an integer, got '" + v + "'");
    }
  }

  /** A non-empty string parameter. */
  String text(String name) {
    String v = required(name);
    if (v.isBlank()) {
      throw error("parameter '" + name + "' must not be empty");
    }
    return v;
  }

  String oneOf(String name, String... allowed) {
    String v = required(name);
    if (!Arrays.asList(allowed).contains(v)) {
      throw error("parameter '" + name + "' must be one of " + String.join(", ", allowed)
          + ", got '" + v + "'");
    }
    return v;
  }

  /** A parameter that may be absent (then {@code fallback}). */
  String optional(String name, String fallback) {
    String v = ref.params().get(name);
    unread.remove(name);
    return v == null ? fallback : v;
  }

  /** Fails on parameters the harness kind did not read. */
  void checkAllRead() {
    if (!unread.isEmpty()) {
      throw error("unknown parameter(s) " + String.join(", ", unread));
    }
  }

  UserError error(String problem) {
    return new UserError("harness " + ref.kind() + ": " + problem);
  }

  private String required(String name) {
    String v = ref.params().get(name);
    if (v == null) {
      throw error("missing parameter '" + name + "'");
    }
    unread.remove(name);
    return v;
  }
}
