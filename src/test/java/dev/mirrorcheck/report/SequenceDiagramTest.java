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
    assertTrue(svg.contains(">seq 0\u21921</text>") && svg.contains(">seq 1\u21922</text>"), svg);
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
  void longLogsStayCompactAndLongTextKeepsATooltip() throws Exception {
    List<StepLog.Step> steps = synthetic();
    assertEquals(150, steps.size());
    String svg = new SequenceDiagram(steps, List.of(A, B, C)).toSvg("x", "S1 violated: " + LONG);
    Document doc = Pages.parse(svg);
    Element root = doc.getDocumentElement();
    assertTrue(Integer.parseInt(root.getAttribute("height")) <= 60 + 150 * 18, svg);
    assertTrue(Integer.parseInt(root.getAttribute("width")) <= 1100, svg);
    assertTrue(svg.contains("\u2026"), "long labels are cut short");
    boolean fullLabelInTooltip = false;
    NodeList titles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
    for (int i = 0; i < titles.getLength(); i++) {
      fullLabelInTooltip |= titles.item(i).getTextContent().contains(": " + LONG + "\n");
    }
    assertTrue(fullLabelInTooltip, svg);
    assertTrue(svg.contains("fill=\"#ffd9d9\""), "the violating step is highlighted");
    assertTrue(svg.contains(">dev&quot;ice</text>") && svg.contains(">inval &amp; co</text>"), svg);
  }

  @Test
  void emptyLogStillRenders() throws Exception {
    Pages.parse(new SequenceDiagram(List.of(), List.of("a")).toSvg("e", null));
  }

  private static boolean has(StepLog.Step s, String object, String op) {
    return s.accesses().stream().anyMatch(a -> a.object().equals(object) && a.operation().equals(op));
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
