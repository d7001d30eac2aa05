package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.jpf.JpfTarget;
import dev.mirrorcheck.sync.Harness;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code jpf} harness kind: a JPF entry class's {@code harness(String[])}, as found through a
 * {@code .jpf} configuration (parameters {@code target} and {@code arg0}, {@code arg1}, ...: the
 * {@code target.args}). Classes outside mirrorcheck load through {@code replay --classpath}.
 */
final class JpfHarness {
  static final String KIND = "jpf";

  private JpfHarness() {}

  static HarnessRef ref(String target, List<String> args) {
    HarnessRef.Builder b = HarnessRef.builder(KIND).param("target", target);
    for (int i = 0; i < args.size(); i++) {
      b.param("arg" + i, args.get(i));
    }
    return b.build();
  }

  static Harness create(HarnessParams params, ClassLoader loader) {
    String target = params.text("target");
    List<String> args = new ArrayList<>();
    for (String a; (a = params.optional("arg" + args.size(), null)) != null; ) {
      args.add(a);
    }
    try {
      return JpfTarget.harness(loader, target, args);
    } catch (JpfTarget.TargetException e) {
      throw params.error(e.getMessage());
    }
  }
}
