package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.check.Subject;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.scenario.ScenarioWorld;
import dev.mirrorcheck.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/** Ties a spec to the property checkers: which properties it asks for, installed on each world. */
final class SpecChecks {
  private SpecChecks() {}

  /**
   * The properties to check: the spec's list (or every one that applies to its design), narrowed by
   * {@code only} when the command line names some. Unknown or inapplicable ids are input errors that
   * name the spec file and line.
   */
  static List<Property> select(Spec spec, List<String> only) {
    List<Property> chosen = new ArrayList<>();
    List<String> ids = spec.properties().isEmpty() ? null : spec.properties();
    if (ids == null) {
      chosen.addAll(PropertyCatalog.applicableTo(spec.design()));
    } else {
      for (String id : ids) {
        if (!isData(id)) {
          chosen.add(lookup(id, spec, spec.file() + ":" + spec.propertiesLine()));
        }
      }
    }
    if (only != null && !only.isEmpty()) {
      List<Property> narrowed = new ArrayList<>();
      for (String id : only) {
        if (isData(id)) {
          if (!checksData(spec, List.of())) {
            throw new UserError("--property data: " + spec.file() + " does not check data");
          }
          continue;
        }
        Property p = lookup(id, spec, "--property");
        if (!chosen.contains(p)) {
          throw new UserError("--property " + id + ": " + spec.file() + " does not check " + id);
        }
        narrowed.add(p);
      }
      return narrowed;
    }
    return chosen;
  }

  /**
   * Whether the spec's {@code expect} clauses are checked (pseudo-property {@code data}): when its
   * {@code properties:} are all or name {@code data}, and {@code only} (the command line's
   * {@code --property} ids, or a counterexample's) is empty or names it too.
   */
  static boolean checksData(Spec spec, List<String> only) {
    boolean asked = spec.properties().isEmpty()
        || spec.properties().stream().anyMatch(SpecChecks::isData);
    return asked && (only == null || only.isEmpty() || only.stream().anyMatch(SpecChecks::isData));
  }

  private static boolean isData(String id) {
    return Spec.DATA.equalsIgnoreCase(id.trim());
  }

  private static Property lookup(String id, Spec spec, String where) {
    Property p;
    try {
      p = PropertyCatalog.byId(id);
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": " + e.getMessage());
    }
    if (!p.designs().contains(spec.design())) {
      throw new UserError(where + ": property " + id + " does not apply to design "
          + spec.design().word());
    }
    return p;
  }

  /** Whether the property {@code id} (if it exists) is stated for {@code design}. */
  static boolean appliesTo(String id, Design design) {
    try {
      return PropertyCatalog.byId(id).appliesTo(design);
    } catch (IllegalArgumentException e) {
      return true; // unknown ids are reported by select, with the valid ones
    }
  }

  static ScenarioHarness harness(Spec spec, Mutations mutations, List<Property> properties,
      boolean data) {
    return ScenarioHarness.checking(spec, mutations, properties, data);
  }

  /** What the property checkers see of {@code w}. */
  static Subject subject(ScenarioWorld w) {
    return w.subject();
  }
}
