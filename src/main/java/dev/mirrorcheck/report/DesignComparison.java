package dev.mirrorcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every scenario in every design that supports it, side by side (what {@code mirrorcheck compare}
 * writes): each (scenario, design) pair's report, why a design lacks a scenario, and a kill matrix
 * per design. Renders as a {@link TablePage} (compare.html, compare.md, console text) and as
 * {@code compare.json} ({@value #SCHEMA}, described by {@code docs/compare-schema.json}).
 */
public final class DesignComparison {
  /** The value of the top-level {@code "schema"} field of compare.json. */
  public static final String SCHEMA = "mirrorcheck-compare/2";

  /**
   * One scenario in one design: its report and the link to the report page (relative to the
   * comparison's directory), or why the design does not support the scenario.
   */
  public record Pair(String design, SpecReport report, String link, String unsupported) {
    public static Pair of(String design, SpecReport report, String link) {
      return new Pair(design, report, link, null);
    }

    public static Pair unsupported(String design, String why) {
      return new Pair(design, null, null, why);
    }

    public boolean supported() {
      return report != null;
    }
  }

  /** A scenario as its spec file declares it, and its pair in each design (design order). */
  public record Scenario(String name, String file, ImmutableList<Pair> pairs) {
    public Pair in(String design) {
      for (Pair p : pairs) {
        if (p.design().equals(design)) {
          return p;
        }
      }
      throw new IllegalArgumentException(name + ": no design " + design);
    }
  }

  private final ImmutableList<String> designs;
  private final ImmutableList<Scenario> scenarios;
  private final ImmutableMap<String, KillMatrix> kills;
  private final boolean quick;
  private final boolean mutants;
  private final String options;
  private final String index;

  /**
   * @param designs every design, in order
   * @param kills the kill matrix of each design that ran mutants
   * @param options how the pairs were explored, in words (the same options as {@code check})
   * @param index the link to the index of the pairs' reports, or null
   */
  public DesignComparison(List<String> designs, List<Scenario> scenarios, Map<String, KillMatrix> kills,
      boolean quick, boolean mutants, String options, String index) {
    this.designs = ImmutableList.copyOf(designs);
    this.scenarios = ImmutableList.copyOf(scenarios);
    this.kills = ImmutableMap.copyOf(kills);
    this.quick = quick;
    this.mutants = mutants;
    this.options = options;
    this.index = index;
  }

  public ImmutableList<Scenario> scenarios() {
    return scenarios;
  }

  public ImmutableMap<String, KillMatrix> kills() {
    return kills;
  }

  /** Mutations that ran in some design and were killed in none. */
  public Set<String> survivors() {
    Set<String> ran = new LinkedHashSet<>();
    Set<String> killed = new LinkedHashSet<>();
    for (KillMatrix m : kills.values()) {
      for (KillMatrix.Row r : m.rows()) {
        ran.add(r.mutation());
        if (r.killed()) {
          killed.add(r.mutation());
        }
      }
    }
    ran.removeAll(killed);
    return ran;
  }

  /** Whether some pair is not as its spec expects, or some mutation survived every design. */
  public boolean failed() {
    return exitCode() != 0;
  }

  /**
   * The worst pair's exit code (see {@link Outcome#exitCode()}), and at least 1 when a mutation
   * survived every design.
   */
  public int exitCode() {
    int worst = survivors().isEmpty() ? 0 : 1;
    for (Scenario s : scenarios) {
      for (Pair p : s.pairs()) {
        if (p.supported()) {
          worst = Outcome.worseCode(worst, p.report().outcome().exitCode());
        }
      }
    }
    return worst;
  }

  /** The page: verdict, how the numbers were made, then the tables. */
  public TablePage page() {
    TablePage.Builder b = TablePage.builder("Design comparison");
    if (index != null) {
      b.link("reports of every pair", index);
    }
    b.link("compare.md", "compare.md").link("compare.json", "compare.json");
    Set<String> survivors = survivors();
    int notAsExpected = 0;
    for (Scenario s : scenarios) {
      for (Pair p : s.pairs()) {
        notAsExpected += p.supported() && !p.report().outcome().asExpected() ? 1 : 0;
      }
    }
    if (exitCode() == 3) {
      b.verdict("NOT A PASS", "warn", notAsExpected + " (scenario, design) pair(s) are not a proof: "
          + "bound hit, search stopped early, or a must-reach step never ran.");
    } else if (failed()) {
      b.verdict("FAILED", "bad", (notAsExpected == 0 ? "" : notAsExpected + " (scenario, design) "
          + "pair(s) not as their spec expects. ") + (survivors.isEmpty() ? ""
              : "Killed in no design: " + String.join(", ", survivors) + "."));
    } else {
      b.verdict("PASS", "good", "Every (scenario, design) pair is as its spec expects"
          + (mutants ? " and every mutation is killed in some design it applies to." : "."));
    }
    b.paragraph("Each scenario was explored in every design that supports it, with the options of "
        + "'mirrorcheck check' (" + options + "): the executions and violations here are the ones "
        + "'check' reports for the same scenario and design. "
        + (mutants ? "Kill matrices: each catalogue mutation of a design against the design's "
            + "scenarios" + (quick ? ", only the pairs each spec designates with 'kills:'" : "")
            + "; a mutant run collects distinct violations until one of a property the catalogue "
            + "names for the mutation shows up." : "Kill matrices were not run (--no-mutants)."));
    b.table(verdicts()).table(sizes()).table(totals()).table(properties());
    int i = 0;
    for (Map.Entry<String, KillMatrix> k : kills.entrySet()) {
      b.table(k.getValue().table("kills-" + k.getKey(), "property@steps of the counterexample; *: a "
          + "property the catalogue does not name for the mutation; '.': not caught; blank: not run. "
          + "'not killed here': this design's scenarios miss it, another design's kill it. Cells "
          + "link to the mutant run's report."));
      i++;
    }
    b.table(unsupported());
    return b.build();
  }

  private Table verdicts() {
    List<String> header = new ArrayList<>(List.of("scenario"));
    header.addAll(designs);
    Table t = new Table("verdicts", "Verdicts per design", "Each cell links to the report of that "
        + "scenario in that design. EXPECTED VIOLATION: a finding the spec declares with 'expect:' "
        + "(not a failure); '-': the design does not support the scenario (see the last table).",
        header, true);
    for (Scenario s : scenarios) {
      List<Table.Cell> row = new ArrayList<>();
      row.add(Table.Cell.of(s.name()));
      for (String d : designs) {
        Pair p = s.in(d);
        if (!p.supported()) {
          row.add(Table.Cell.styled("-", "na").tip(oneLine(p.unsupported())));
        } else {
          Outcome o = p.report().outcome();
          row.add(Table.Cell.styled(Outcomes.words(p.report()), o.css()).link(p.link()));
        }
      }
      t.row(row);
    }
    return t;
  }

  private Table sizes() {
    Table t = new Table("sizes", "State space and time per design", "Executions and transitions the "
        + "explorer needed (partial-order reduced), and wall time.",
        List.of("scenario", "design", "verdict", "executions", "transitions", "time ms"), false)
        .rightAlign(3, 4, 5);
    for (Scenario s : scenarios) {
      for (Pair p : s.pairs()) {
        if (p.supported()) {
          SpecReport r = p.report();
          t.row(List.of(Table.Cell.of(s.name()).link(p.link()), Table.Cell.of(p.design()),
              Table.Cell.styled(r.outcome().headline(), r.outcome().css()),
              Table.Cell.number(Formats.count(r.statistics().executions())),
              Table.Cell.number(Formats.count(r.statistics().transitions())),
              Table.Cell.number(Long.toString(r.statistics().wallMillis()))));
        }
      }
    }
    return t;
  }

  /** Sums over the scenarios every design that shares scenarios supports: like for like. */
  private Table totals() {
    Table t = new Table("totals", "Like-for-like totals", "Sums over the scenarios that run in every "
        + "one of these designs (the RDMA generations sharing scenarios; dmirror is another "
        + "device): the same CPU operations, faults and device accesses in each.",
        List.of("design", "scenarios", "executions", "transitions", "time ms"), false)
        .rightAlign(1, 2, 3, 4);
    Set<String> sharing = new LinkedHashSet<>();
    for (Scenario s : scenarios) {
      List<String> supporting = new ArrayList<>();
      s.pairs().forEach(p -> {
        if (p.supported()) {
          supporting.add(p.design());
        }
      });
      if (supporting.size() > 1) {
        sharing.addAll(supporting);
      }
    }
    // The RDMA generations are compared with each other; the few scenarios dmirror (another device)
    // shares with them would otherwise shrink the common set to almost nothing.
    if (sharing.size() > 2) {
      sharing.remove("modern");
    }
    for (String d : designs) {
      if (!sharing.contains(d)) {
        continue;
      }
      long n = 0;
      long ex = 0;
      long tr = 0;
      long ms = 0;
      for (Scenario s : scenarios) {
        boolean common = true;
        for (String x : sharing) {
          common &= s.in(x).supported();
        }
        if (common) {
          SpecReport r = s.in(d).report();
          n++;
          ex += r.statistics().executions();
          tr += r.statistics().transitions();
          ms += r.statistics().wallMillis();
        }
      }
      t.row(List.of(Table.Cell.of(d), Table.Cell.number(Long.toString(n)),
          Table.Cell.number(Formats.count(ex)), Table.Cell.number(Formats.count(tr)),
          Table.Cell.number(Long.toString(ms))));
    }
    return t;
  }

  private Table properties() {
    List<String> ids = new ArrayList<>();
    for (Scenario s : scenarios) {
      for (Pair p : s.pairs()) {
        if (p.supported()) {
          p.report().properties().forEach(v -> {
            if (!ids.contains(v.id())) {
              ids.add(v.id());
            }
          });
        }
      }
    }
    List<String> header = new ArrayList<>(List.of("scenario", "design"));
    header.addAll(ids);
    Table t = new Table("properties", "Properties per design", "pass: no violation in any "
        + "interleaving; VIOLATED; ?: not violated, but the search stopped (not proven); n/a: not "
        + "stated for the design.", header, true);
    for (Scenario s : scenarios) {
      for (Pair p : s.pairs()) {
        if (!p.supported()) {
          continue;
        }
        Map<String, PropertyVerdict> byId = new LinkedHashMap<>();
        p.report().properties().forEach(v -> byId.put(v.id(), v));
        List<Table.Cell> row = new ArrayList<>(List.of(Table.Cell.of(s.name()).link(p.link()),
            Table.Cell.of(p.design())));
        boolean expected = p.report().outcome() == Outcome.EXPECTED_VIOLATION;
        for (String id : ids) {
          PropertyVerdict v = byId.get(id);
          if (v == null || v.status() == PropertyVerdict.Status.NOT_APPLICABLE) {
            row.add(Table.Cell.styled("n/a", "na"));
          } else if (v.status() == PropertyVerdict.Status.VIOLATED) {
            row.add(Table.Cell.styled("VIOLATED", expected ? "expected" : "bad"));
          } else if (p.report().conclusive()) {
            row.add(Table.Cell.styled("pass", "good"));
          } else {
            row.add(Table.Cell.styled("?", "warn"));
          }
        }
        t.row(row);
      }
    }
    return t;
  }

  private Table unsupported() {
    Table t = new Table("unsupported", "Designs that do not support a scenario", null,
        List.of("scenario", "design", "why"), false);
    for (Scenario s : scenarios) {
      for (Pair p : s.pairs()) {
        if (!p.supported()) {
          t.row(List.of(Table.Cell.of(s.name()), Table.Cell.of(p.design()),
              Table.Cell.of(oneLine(p.unsupported()))));
        }
      }
    }
    return t;
  }

  /** {@code compare.json}. */
  public String json() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("quick", quick);
    root.put("mutants", mutants);
    root.put("options", options);
    ArrayNode list = root.putArray("scenarios");
    for (Scenario s : scenarios) {
      ObjectNode o = list.addObject();
      o.put("scenario", s.name());
      o.put("file", s.file());
      ObjectNode ds = o.putObject("designs");
      for (Pair p : s.pairs()) {
        ObjectNode d = ds.putObject(p.design());
        d.put("supported", p.supported());
        if (!p.supported()) {
          d.put("why", p.unsupported());
          continue;
        }
        SpecReport r = p.report();
        d.put("verdict", r.verdict().name());
        d.put("outcome", r.outcome().name());
        d.put("vacuous", r.outcome() == Outcome.VACUOUS);
        d.put("asExpected", r.outcome().asExpected());
        d.put("executions", r.statistics().executions());
        d.put("transitions", r.statistics().transitions());
        d.put("millis", r.statistics().wallMillis());
        ArrayNode v = d.putArray("violated");
        Outcomes.violated(r).forEach(v::add);
        d.put("report", p.link());
      }
    }
    ObjectNode km = root.putObject("killMatrix");
    kills.forEach((design, m) -> km.set(design, mapper.valueToTree(m.jsonRows())));
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ');
  }
}
