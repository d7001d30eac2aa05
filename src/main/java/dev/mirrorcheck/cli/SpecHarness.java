package dev.mirrorcheck.cli;

import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import dev.mirrorcheck.sync.Harness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code spec} harness kind: a scenario spec file with the design, mutations and properties it
 * was checked with, so a counterexample found by {@code check} or {@code mutants} replays exactly.
 */
final class SpecHarness {
  static final String KIND = "spec";

  private SpecHarness() {}

  static HarnessRef ref(Spec spec, Mutations mutations, List<Property> properties, boolean data) {
    List<String> ids = new ArrayList<>();
    for (Property p : properties) {
      ids.add(p.id());
    }
    if (data) {
      ids.add(Spec.DATA);
    }
    List<String> muts = new ArrayList<>();
    for (Mutation m : mutations.asSet()) {
      muts.add(m.name());
    }
    return HarnessRef.builder(KIND).param("file", spec.file())
        .param("design", spec.design().word())
        .param("mutations", Joiner.on(',').join(muts))
        .param("properties", Joiner.on(',').join(ids)).build();
  }

  static Harness create(HarnessParams params) {
    Spec spec = load(Path.of(params.text("file")));
    String word = params.optional("design", spec.design().word());
    Design design = Design.byWord(word);
    if (design == null) {
      throw params.error("unknown design '" + word + "'");
    }
    try {
      spec = spec.in(design);
    } catch (SpecException e) {
      throw new UserError(e.getMessage());
    }
    List<Mutation> muts = new ArrayList<>();
    for (String m : Splitter.on(',').omitEmptyStrings().trimResults()
        .split(params.optional("mutations", ""))) {
      try {
        muts.add(Mutation.valueOf(m.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw params.error("unknown mutation '" + m + "'");
      }
    }
    List<String> ids = Splitter.on(',').omitEmptyStrings().trimResults()
        .splitToList(params.optional("properties", ""));
    List<Property> properties = SpecChecks.select(spec, ids);
    return SpecChecks.harness(spec, Mutations.copyOf(muts), properties,
        SpecChecks.checksData(spec, ids));
  }

  /** Parses a spec, turning its problems into one-line usage errors. */
  static Spec load(Path file) {
    try {
      return SpecParser.parse(file);
    } catch (SpecException e) {
      throw new UserError(e.getMessage());
    }
  }
}
