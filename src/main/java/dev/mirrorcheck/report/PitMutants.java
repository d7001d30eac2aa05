package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The source-level mutants of a PIT run over the model ({@code mutations.xml} of {@code mvn -P pit}):
 * where each was made, what it changed, its status and the spec-library test that killed it.
 */
public final class PitMutants {
  /** Where {@code mvn -P pit verify} writes its reports, relative to the project directory. */
  public static final Path REPORT_DIR = Path.of("target", "mirrorcheck", "pit");

  /** One mutant. {@code killedBy} is the (scenario, design) name, or empty. */
  public record Mutant(String mutatedClass, String method, int line, String mutator,
      String description, String status, String killedBy) {
    /** {@code Class.method:line}, the class without its package. */
    public String where() {
      return mutatedClass.substring(mutatedClass.lastIndexOf('.') + 1) + "." + method + ":" + line;
    }

    /** The mutator's short name ({@code NegateConditionalsMutator} -> {@code NegateConditionals}). */
    public String mutatorName() {
      // RemoveConditionalMutator_EQUAL_ELSE -> RemoveConditional_EQUAL_ELSE
      String m = mutator.substring(mutator.lastIndexOf('.') + 1).replace("Mutator_", "_");
      return m.endsWith("Mutator") ? m.substring(0, m.length() - "Mutator".length()) : m;
    }
  }

  private static final Pattern DYNAMIC_NAME = Pattern.compile("\\[dynamic-test:#(\\d+)\\]");

  private final ImmutableList<Mutant> mutants;

  private PitMutants(ImmutableList<Mutant> mutants) {
    this.mutants = mutants;
  }

  public ImmutableList<Mutant> mutants() {
    return mutants;
  }

  /**
   * Reads {@code mutations.xml}. PIT names a killing dynamic test by its position; {@code suite}
   * lists the suite's tests in order, so the position becomes a scenario name.
   */
  public static PitMutants read(Path xml, java.util.List<String> suite) throws IOException {
    if (Files.size(xml) == 0) {
      throw new IOException(xml + " is empty (PIT writes it when its run ends)");
    }
    Document doc;
    try (InputStream in = Files.newInputStream(xml)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler()); // report by exception, not on stderr
      doc = b.parse(in);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(xml + ": not a PIT mutations.xml: " + e.getMessage(), e);
    }
    ImmutableList.Builder<Mutant> out = ImmutableList.builder();
    NodeList list = doc.getElementsByTagName("mutation");
    for (int i = 0; i < list.getLength(); i++) {
      Element m = (Element) list.item(i);
      String killing = text(m, "killingTest");
      Matcher d = DYNAMIC_NAME.matcher(killing);
      String killedBy = killing;
      if (d.find()) {
        int index = Integer.parseInt(d.group(1)) - 1;
        killedBy = index >= 0 && index < suite.size() ? suite.get(index) : killing;
      }
      out.add(new Mutant(text(m, "mutatedClass"), text(m, "mutatedMethod"),
          Integer.parseInt(text(m, "lineNumber").isEmpty() ? "0" : text(m, "lineNumber")),
          text(m, "mutator"), text(m, "description"), m.getAttribute("status"), killedBy));
    }
    return new PitMutants(out.build());
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
  }

  /** Mutants per status (KILLED, SURVIVED, NO_COVERAGE, TIMED_OUT, ...). */
  public Map<String, Integer> byStatus() {
    Map<String, Integer> out = new TreeMap<>();
    for (Mutant m : mutants) {
      out.merge(m.status(), 1, Integer::sum);
    }
    return out;
  }

  /** The mutants {@code scenario} killed (PIT credits the first failing test only). */
  public ImmutableList<Mutant> killedBy(String scenario) {
    ImmutableList.Builder<Mutant> out = ImmutableList.builder();
    for (Mutant m : mutants) {
      if (scenario.equals(m.killedBy())) {
        out.add(m);
      }
    }
    return out.build();
  }

  /** One line: the counts and the score over covered mutants. */
  public String summary() {
    return summary(Equivalents.NONE);
  }

  /**
   * One line: the counts, and the score over the covered mutants not listed as equivalent
   * (killed / non-equivalent, with the equivalent and never-covered mutants apart).
   */
  public String summary(Equivalents equivalent) {
    Map<String, Integer> s = byStatus();
    int killed = 0;
    int eq = 0;
    for (Mutant m : mutants) {
      if (detected(m)) {
        killed++;
      } else if (m.status().equals("SURVIVED") && equivalent.reason(m) != null) {
        eq++;
      }
    }
    int covered = mutants.size() - s.getOrDefault("NO_COVERAGE", 0);
    int counted = covered - eq;
    return String.format("%d mutants: %s; %d of %d covered non-equivalent killed (%.1f%%), "
        + "%d equivalent, %d not covered", mutants.size(), s, killed, counted,
        counted == 0 ? 0.0 : 100.0 * killed / counted, eq, s.getOrDefault("NO_COVERAGE", 0));
  }

  /** The mutants that survived and are not listed as equivalent: each needs a scenario. */
  public ImmutableList<Mutant> survivors(Equivalents equivalent) {
    ImmutableList.Builder<Mutant> out = ImmutableList.builder();
    for (Mutant m : mutants) {
      if (m.status().equals("SURVIVED") && equivalent.reason(m) == null) {
        out.add(m);
      }
    }
    return out.build();
  }

  /** PIT's statuses for a mutant some test noticed (a failure, a time-out, a crash). */
  private static boolean detected(Mutant m) {
    switch (m.status()) {
      case "KILLED":
      case "TIMED_OUT":
      case "MEMORY_ERROR":
      case "RUN_ERROR":
        return true;
      default:
        return false;
    }
  }
}
