package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.spec.OpKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** {@code mirrorcheck list}: the properties, mutations, spec operations and designs this version knows. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    header = "List properties, mutations, spec operations and designs.",
    description = "Prints the catalogues a spec can refer to: property ids (properties:), mutation "
        + "ids (mutations:, kills:), operation syntax (actors:) and designs (design:).",
    footerHeading = "%nExamples:%n",
    footer = {"  ./mirrorcheck list", "  ./mirrorcheck list operations", "  ./mirrorcheck list mutations"})
final class ListCommand implements Callable<Integer> {
  private static final List<String> WHAT = List.of("properties", "mutations", "operations", "designs");

  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(paramLabel = "WHAT", arity = "0..1",
      description = "properties, mutations, operations or designs. Default: all of them.")
  String what;

  @Override
  public Integer call() {
    if (what != null && !WHAT.contains(what)) {
      throw new UserError("list: unknown catalogue '" + what + "' (" + String.join(", ", WHAT) + ")");
    }
    PrintWriter o = command.commandLine().getOut();
    if (what == null || what.equals("properties")) {
      o.println("Properties (id, checked by, designs: title):");
      for (Property p : PropertyCatalog.all()) {
        List<String> by = new ArrayList<>();
        p.checkedBy().forEach(c -> by.add(c.name().toLowerCase(Locale.ROOT)));
        o.printf("  %-4s %-26s %-26s %s%n", p.id(), String.join("+", by), designs(p.designs()),
            p.title());
      }
      o.printf("  %-4s %-26s %-26s %s%n", "data", "event", "(spec expect clauses)",
          "reads return a value the spec allows");
    }
    if (what == null || what.equals("mutations")) {
      o.println("Mutations (id, designs: title; the fix it undoes; properties it breaks):");
      for (Mutation m : Mutation.values()) {
        o.printf("  %-4s %-24s %s%n       undoes: %s; breaks %s%n", m.name(), m.variants(),
            m.title(), m.undoes(), String.join(", ", m.breaks()));
      }
    }
    if (what == null || what.equals("operations")) {
      o.println("Spec operations (syntax, designs: what it does):");
      for (OpKind k : OpKind.values()) {
        o.printf("  %-48s %-12s %s%n", k.syntax(), designs(k.designs()), k.description());
      }
    }
    if (what == null || what.equals("designs")) {
      o.println("Designs:");
      for (Design d : Design.values()) {
        o.printf("  %-11s %s%n", d.word(), d.description());
      }
      o.println("Design options (design-options: in a spec; a list checks each value, the first as "
          + "the plain scenario):");
      for (MkeyLifetime l : MkeyLifetime.values()) {
        o.printf("  %-11s mkey-lifetime: %-8s %s%s%n", Design.ODP.word(), l.word(),
            l.description(), l == DesignOptions.DEFAULT.mkeyLifetime() ? " (default)" : "");
      }
      o.println("Spec keywords of every operation: as NAME (record its result), after NAME (wait "
          + "for that operation), expect ... if NAME ok|fault|done|VALUE [and ...] (a conditional "
          + "expectation). umems: {name, pages, registered, mm: mm|child, hca: N, implicit: true + "
          + "child-pages: K (odp)}; hcas: N.");
    }
    return ExitCode.PASS;
  }

  private static String designs(Iterable<Design> ds) {
    List<String> out = new ArrayList<>();
    for (Design d : ds) {
      out.add(d.word());
    }
    return String.join(",", out);
  }
}
