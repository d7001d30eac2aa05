package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.spec.OpKind;
import dev.mirrorcheck.vocabulary.DidYouMean;
import dev.mirrorcheck.vocabulary.LabelInventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** {@code mirrorcheck list}: the properties, mutations, spec operations and designs this version knows. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    header = "List properties, mutations, spec operations, designs and protocol step labels.",
    description = "Prints the catalogues a spec can refer to: property ids (properties:), mutation "
        + "ids (mutations:, kills:), operation syntax (actors:), designs (design:) and each "
        + "design's protocol steps (must-reach:; coverage lists the same steps). The docs/ "
        + "directory of the repository describes each in full.",
    footerHeading = "%nExamples:%n",
    footer = {"  ./mirrorcheck list", "  ./mirrorcheck list operations", "  ./mirrorcheck list mutations",
        "  ./mirrorcheck list labels odp"})
final class ListCommand implements Callable<Integer>, ExitCodes {
  private static final List<String> WHAT =
      List.of("properties", "mutations", "operations", "designs", "labels");

  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "WHAT", arity = "0..1",
      description = "properties, mutations, operations, designs or labels. Default: all but labels.")
  String what;

  @Parameters(index = "1", paramLabel = "DESIGN", arity = "0..1",
      description = "With labels: the design whose steps to list. Default: every design.")
  String designWord;

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "the catalogues were printed",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() {
    if (what != null && !WHAT.contains(what)) {
      throw new UserError("list: unknown catalogue '" + what + "'" + DidYouMean.hint(what, WHAT)
          + " (" + String.join(", ", WHAT) + ")");
    }
    if (designWord != null && !"labels".equals(what)) {
      throw new UserError("list: a design goes only after 'labels' (list labels " + designWord + ")");
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
        o.printf("  %-4s %-24s %s%n       undoes: %s; breaks %s%n", m.name(), designs(m.designs()),
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
    }
    if ("labels".equals(what)) {
      labels(o);
    }
    return ExitCode.PASS;
  }

  /** Each design's protocol steps, component by component, with the kernel code each models. */
  private void labels(PrintWriter o) {
    List<Design> designs = new ArrayList<>(List.of(Design.values()));
    if (designWord != null) {
      Design d = Design.byWord(designWord);
      if (d == null) {
        List<String> words = new ArrayList<>();
        designs.forEach(x -> words.add(x.word()));
        throw new UserError("list labels: unknown design '" + designWord + "'"
            + DidYouMean.hint(designWord, words) + " (" + String.join(", ", words) + ")");
      }
      designs = List.of(d);
    }
    o.println("Protocol steps per design (a label is ROLE:STEP; must-reach names a STEP or "
        + "ROLE:STEP):");
    for (Design d : designs) {
      LabelInventory inv = LabelInventory.of(d);
      o.printf("design %s (%d steps)%n", d.word(), inv.steps().size());
      for (String component : inv.components()) {
        o.println("  " + component + ":");
        inv.steps().forEach((name, step) -> {
          if (step.component().equals(component)) {
            String gap = inv.notInLibrary().get(name);
            o.printf("    %-36s %s%s%n", name, step.models(),
                gap == null ? "" : " [not reached by the shipped specs: " + gap + "]");
          }
        });
      }
    }
  }

  private static String designs(Iterable<Design> ds) {
    List<String> out = new ArrayList<>();
    for (Design d : ds) {
      out.add(d.word());
    }
    return String.join(",", out);
  }
}
