package dev.mirrorcheck.cli;

import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.sync.Harness;

/**
 * Turns harness references (from command options and counterexample files) back into harnesses. Each
 * kind registers a factory; later kinds (protocol specs, JPF cross-check programs) add an entry here.
 */
final class HarnessCatalog {

  /** Builds the harnesses of one kind from their parameters. */
  @FunctionalInterface
  interface Kind {
    /** Throws {@link UserError} for parameters it cannot accept. */
    Harness create(HarnessParams params);
  }

  private final ImmutableMap<String, Kind> kinds;

  private HarnessCatalog(ImmutableMap<String, Kind> kinds) {
    this.kinds = kinds;
  }

  /** Every kind this version of mirrorcheck knows. */
  static HarnessCatalog standard() {
    return standard(HarnessCatalog.class.getClassLoader());
  }

  /** Every kind, with {@code junit} test classes loaded through {@code testClasses}. */
  static HarnessCatalog standard(ClassLoader testClasses) {
    return new HarnessCatalog(ImmutableMap.of(CalibrationHarness.KIND, CalibrationHarness::create,
        JunitHarness.KIND, params -> JunitHarness.create(params, testClasses),
        SpecHarness.KIND, SpecHarness::create,
        JpfHarness.KIND, params -> JpfHarness.create(params, testClasses)));
  }

  Harness resolve(HarnessRef ref) {
    return resolve(ref, note -> { });
  }

  /** Rebuilds {@code ref}'s harness; {@code notes} receives what the kind tells the user. */
  Harness resolve(HarnessRef ref, java.util.function.Consumer<String> notes) {
    Kind kind = kinds.get(ref.kind());
    if (kind == null) {
      throw new UserError("unknown harness kind '" + ref.kind() + "' (this version knows: "
          + String.join(", ", kinds.keySet()) + ")");
    }
    HarnessParams params = new HarnessParams(ref, notes);
    Harness harness = kind.create(params);
    params.checkAllRead();
    return harness;
  }
}
