package dev.mirrorcheck.cli;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.vocabulary.DidYouMean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Mutation ids on the command line, and which catalogue mutations a set of designs must kill. */
final class Mutants {
  private Mutants() {}

  static List<Mutation> parseIds(List<String> ids) {
    List<Mutation> out = new ArrayList<>();
    for (String id : ids) {
      try {
        out.add(Mutation.valueOf(id.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        List<String> known = new ArrayList<>();
        for (Mutation m : Mutation.values()) {
          known.add(m.id());
        }
        throw new UserError("unknown mutation '" + id + "'" + DidYouMean.hint(id, known)
            + " (see 'mirrorcheck list mutations')");
      }
    }
    return out;
  }

  /** The catalogue mutations that apply to any of {@code designs}: each must be killed. */
  static Set<Mutation> applicable(Set<Design> designs) {
    Set<Mutation> out = EnumSet.noneOf(Mutation.class);
    for (Mutation m : Mutation.values()) {
      for (Design d : designs) {
        if (m.designs().contains(d)) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
