package dev.mirrorcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.StepLog;
import dev.mirrorcheck.report.SequenceDiagram.HandOff;
import dev.mirrorcheck.report.SequenceDiagram.SeqChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The sequence diagram: which lock hand-offs and seq changes it finds, and that it stays readable. */
class SequenceDiagramTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String A = "fault<0>";
  private static final String B = "inval & co";
  private static final String C = "dev\"ice";
  private static final String LONG = "fault:a_label_far_too_long_to_fit_into_one_box_of_the_diagram_"
      + "without_being_cut_short";

  @TempDir Path dir;

  @Test
  void calibrationCounterexampleShowsRealHandOffsAndBothSeqChanges() throws Exception {
    CounterexampleView cx = CalibrationReports.VIOLATION.counterexamples().get(0);
    List<StepLog.Step> steps = cx.steps();
    SequenceDiagram d = new SequenceDiagram(steps, cx.actors());
    assertFalse(d.handOffs().isEmpty());
    for (HandOff h : d.handOffs()) {
      assertFalse(h.fromActor().equals(h.toActor()), h::toString);
      assertTrue(has(steps.get(h.fromStep()), h.object(), "unlock"), h::toString);
      assertTrue(has(steps.get(h.toStep()), h.object(), "lock"), h::toString);
      for (int k = h.fromStep() + 1; k < h.toStep(); k++) {
        assertFalse(has(steps.get(k), h.object(), "lock"), h + " skips an acquisition at " + k);
      }
    }
    // The invalidation's seq_begin and seq_end both precede the frees the violation needs.
    List<SeqChange> seq = d.seqChanges();
    assertEquals(2, seq.size(), seq::toString);
    assertEquals(List.of("0", "1"), List.of(seq.get(0).oldValue(), seq.get(0).newValue()));
    assertEquals(List.of("1", "2"), List.of(seq.get(1).oldValue(), seq.get(1).newValue()));
    String svg = d.toSvg("cx1", "S3 violated");
    Pages.parse(svg);
    assertTrue(svg.contains(">seq 0\u21921 (odd: invalidation epoch open)</text>")
        && svg.contains(">seq 1\u21922 (even: no invalidation)</text>"), svg);
  }

  @Test
  void handOffsFollowMutexAndRwsemSemantics() throws Exception {
    SequenceDiagram d = new SequenceDiagram(synthetic(), List.of(A, B, C));
    assertEquals(List.of(A, B, C), d.lanes());
    assertEquals(List.of(
        new HandOff("mmap_lock", 3, B, 4, C), // readers' last release to the writer
        new HandOff("mmap_lock", 6, C, 7, A), // the writer's release to each reader that follows
        new HandOff("mmap_lock", 6, C, 8, B),
        new HandOff("lock", 12, A, 14, B), // not A's own re-acquisition, not B's failed trylock
        new HandOff("lock", 16, B, 17, C)), // into a critical section done in one step
        d.handOffs());
    assertEquals(List.of(new SeqChange(5, C, "notifier_seq", "0", "1"),
        new SeqChange(15, B, "notifier_seq", "1", "5")), d.seqChanges());
  }

  @Test
  void longTextIsWrappedNotCutAndTheViolationNoteIsWhole() throws Exception {
    List<StepLog.Step> steps = synthetic();
    assertEquals(150, steps.size());
    String violation = "S1 violated: " + LONG + " and then some more words to wrap";
    String svg = new SequenceDiagram(steps, List.of(A, B, C)).toSvg("x", violation);
    Document doc = Pages.parse(svg);
    Element root = doc.getDocumentElement();
    assertTrue(Integer.parseInt(root.getAttribute("width")) <= 1200, svg);
    assertFalse(svg.contains("\u2026"), "nothing is cut short");
    // Every box holds its full label, over as many lines as it needs.
    NodeList groups = doc.getElementsByTagNameNS(SVG, "g");
    boolean longLabelWhole = false;
    String note = null;
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      String text = lines(g);
      if (g.getAttribute("class").equals("step") && text.contains(LONG)) {
        longLabelWhole = true;
      }
      if (g.getAttribute("class").equals("note violation")) {
        note = text;
      }
    }
    assertTrue(longLabelWhole, svg);
    // Wrapped over lines, but whole (line breaks may fall where a space was).
    assertEquals(("\u2717 " + violation).replace(" ", ""), note.replace(" ", ""));
    assertTrue(svg.contains("fill=\"#ffd9d9\""), "the violating step is highlighted");
    assertTrue(svg.contains(">dev&quot;ice</text>") && svg.contains(">inval &amp; co</text>"), svg);
  }

  @Test
  void valuesAndHandOffsAreWrittenBesideTheBoxesNotOnTheArrows() throws Exception {
    String svg = new SequenceDiagram(synthetic(), List.of(A, B, C, "idle")).toSvg("v", "m");
    Document doc = Pages.parse(svg);
    // Values written and read are in the boxes; the hand-off's lock is named in the notes column.
    assertTrue(svg.contains(">notifier_seq\u21905 (was 1)</text>"), svg);
    assertTrue(svg.contains(">x\u2192150</text>") || svg.contains(">x\u2192149</text>"), svg);
    assertTrue(svg.contains(">\u21e2 lock from " + A.replace("<", "&lt;").replace(">", "&gt;")
        + " (step 12)</text>"), svg);
    NodeList groups = doc.getElementsByTagNameNS(SVG, "g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("handoff")) {
        assertEquals(0, g.getElementsByTagNameNS(SVG, "text").getLength(), "no text on an arrow");
      }
    }
  }

  @Test
  void anActorThatNeverRanGetsNoLane() throws Exception {
    SequenceDiagram d = new SequenceDiagram(synthetic(), List.of("idle", A, B, C));
    assertEquals(List.of(A, B, C), d.lanes());
  }

  @Test
  void stepsOutsideTheCausalConeFold() throws Exception {
    // D writes y, later overwritten by A; nobody reads D's value: D's steps are outside the cone.
    String[][] script = {
      {"D", "d:write_y", "y", "write", "1"},
      {"A", "a:read_x", "x", "read", "0"},
      {"D", "d:read_z", "z", "read", "0"},
      {"A", "a:write_y", "y", "write", "2"},
      {"A", "a:check", "x", "read", "0"},
    };
    List<StepLog.Step> steps = steps(script);
    SequenceDiagram d = new SequenceDiagram(steps, List.of("A", "D"));
    assertEquals(List.of(1, 3, 4), List.copyOf(d.cone()));
    String folded = d.toSvg("f", "violated", true);
    Pages.parse(folded);
    assertTrue(folded.contains("\u22ef 1 step (0) outside the causal cone"), folded);
    assertTrue(folded.contains("\u22ef 1 step (2) outside the causal cone"), folded);
    assertFalse(folded.contains(">d:write_y</text>"), folded);
    assertTrue(d.toSvg("g", "violated", false).contains(">d:write_y</text>"));
  }

  @Test
  void emptyLogStillRenders() throws Exception {
    Pages.parse(new SequenceDiagram(List.of(), List.of("a")).toSvg("e", null));
  }

  private static boolean has(StepLog.Step s, String object, String op) {
    return s.accesses().stream().anyMatch(a -> a.object().equals(object) && a.operation().equals(op));
  }

  /** The text lines of an SVG group, joined by spaces. */
  private static String lines(Element g) {
    StringBuilder sb = new StringBuilder();
    NodeList texts = g.getElementsByTagNameNS(SVG, "text");
    for (int i = 0; i < texts.getLength(); i++) {
      sb.append(i == 0 ? "" : " ").append(texts.item(i).getTextContent());
    }
    // Wrapping breaks after '_' or ':' without a space; join those back.
    return sb.toString().replaceAll("([_:/.\\]]) ", "$1");
  }

  /** Steps of one access each, {actor, label, object, op, value}. */
  private List<StepLog.Step> steps(String[][] script) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", CounterexampleFile.FORMAT);
    root.putObject("harness").put("kind", "calibration");
    root.putObject("violation").put("kind", "ASSERTION").put("message", "m").put("steps", script.length);
    root.putArray("schedule");
    ArrayNode steps = root.putArray("steps");
    for (int i = 0; i < script.length; i++) {
      String[] s = script[i];
      ObjectNode step = steps.addObject().put("index", i).put("actor", s[0]).put("label", s[1]);
      step.putArray("accesses").addObject().put("object", s[2]).put("op", s[3]).put("value", s[4]);
    }
    Path file = dir.resolve("script" + script.length + ".json");
    Files.writeString(file, mapper.writeValueAsString(root));
    return CounterexampleFile.read(file).steps().orElseThrow();
  }

  /** 150 steps: rw-semaphore and mutex traffic, two seq writes, then long-labelled reads. */
  private List<StepLog.Step> synthetic() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", CounterexampleFile.FORMAT);
    root.putObject("harness").put("kind", "calibration");
    root.putObject("violation").put("kind", "ASSERTION").put("message", "m").put("steps", 150);
    root.putArray("schedule");
    ArrayNode steps = root.putArray("steps");
    String[][] script = {
      {A, "mm:read_lock", "mmap_lock", "down_read", ""},
      {B, "mm:read_lock", "mmap_lock", "down_read", ""},
      {A, "mm:read_unlock", "mmap_lock", "up_read", ""},
      {B, "mm:read_unlock", "mmap_lock", "up_read", ""},
      {C, "munmap:write_lock", "mmap_lock", "down_write", ""},
      {C, "munmap:seq_begin", "notifier_seq", "add 1", "1"},
      {C, "munmap:write_unlock", "mmap_lock", "up_write", ""},
      {A, "mm:read_lock", "mmap_lock", "down_read", ""},
      {B, "mm:read_lock", "mmap_lock", "down_read", ""},
      {A, "drv:lock", "lock", "lock", ""},
      {A, "drv:unlock", "lock", "unlock", ""},
      {A, "drv:lock", "lock", "lock", ""},
      {A, "drv:unlock", "lock", "unlock", ""},
      {B, "drv:trylock", "lock", "trylock", "busy"},
      {B, "drv:lock", "lock", "lock", ""},
      {B, "drv:set_seq", "notifier_seq", "xchg", "5 (was 1)"},
      {B, "drv:unlock", "lock", "unlock", ""},
    };
    for (int i = 0; i < 150; i++) {
      String[] s = i < script.length ? script[i]
          : new String[] {i % 2 == 0 ? A : B, LONG, "x", "read", Integer.toString(i)};
      ObjectNode step = steps.addObject().put("index", i).put("actor", s[0]).put("label", s[1]);
      ArrayNode accesses = step.putArray("accesses");
      accesses.addObject().put("object", s[2]).put("op", s[3]).put("value", s[4]);
      if (i == script.length) {
        // A whole critical section inside one step.
        step.put("actor", C).put("label", "dev:section");
        accesses.removeAll();
        accesses.addObject().put("object", "lock").put("op", "lock").put("value", "");
        accesses.addObject().put("object", "lock").put("op", "unlock").put("value", "");
      }
    }
    Path file = dir.resolve("synthetic.json");
    Files.writeString(file, mapper.writeValueAsString(root));
    return CounterexampleFile.read(file).steps().orElseThrow();
  }
}
