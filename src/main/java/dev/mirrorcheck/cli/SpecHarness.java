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
 * The {@code spec} harness kind: a scenario spec with the design, mutations and properties it was
 * checked with, so a counterexample found by {@code check} or {@code mutants} replays exactly. The
 * spec's text and its SHA-256 travel with it: a counterexample replays from any directory, and after
 * the spec file moved or changed (the replay says so).
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
        .param("properties", Joiner.on(',').join(ids))
        .param("spec-sha256", sha256(spec.text()))
        .param("spec", spec.text()).build();
  }

  static Harness create(HarnessParams params) {
    String file = params.text("file");
    String text = params.optional("spec", null);
    Spec spec;
    if (text == null) {
      spec = load(Path.of(file)); // a counterexample of a version that did not embed the spec
    } else {
      String hash = params.optional("spec-sha256", "");
      if (!hash.equals(sha256(text))) {
        throw params.error("the embedded spec does not match its spec-sha256 (the file was edited)");
      }
      String onDisk = readOrNull(Path.of(file));
      if (onDisk == null) {
        params.note("replaying the spec embedded in the counterexample (" + file
            + " is not found from here)");
      } else if (!sha256(onDisk).equals(hash)) {
        params.note("the spec file " + file + " differs from the one the counterexample was found "
            + "with; replaying the embedded spec");
      }
      try {
        spec = SpecParser.parse(file, text);
      } catch (SpecException e) {
        throw new UserError(e.getMessage());
      }
    }
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

  /** The hex SHA-256 of {@code text} in UTF-8. */
  static String sha256(String text) {
    return com.google.common.hash.Hashing.sha256()
        .hashString(text, java.nio.charset.StandardCharsets.UTF_8).toString();
  }

  private static String readOrNull(Path file) {
    try {
      return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return null;
    }
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
