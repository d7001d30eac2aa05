package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.mirrorcheck.explore.StepLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A replayed counterexample as an inline SVG sequence diagram: one lane per actor that ran, time
 * flowing down, one box per step holding the full label and the values the step wrote ({@code x←v})
 * and read ({@code x→v}), wrapped rather than cut. The notes column beside each row says what the
 * row changed: the violation in full (last row, red), sequence-count changes (amber band) and lock
 * hand-offs (blue arrows between boxes; the note names the lock, so no text sits on an arrow).
 *
 * <p>For long counterexamples {@link #cone()} is the set of steps the violation depends on; the
 * diagram can hide the others, folding each run of them into one line.
 */
public final class SequenceDiagram {
  /** A lock passed from the actor that released it to the next other actor that acquired it. */
  public record HandOff(String object, int fromStep, String fromActor, int toStep, String toActor) {}

  /** A write to a sequence count; {@code oldValue} is null when the log does not show it. */
  public record SeqChange(int step, String actor, String object, String oldValue, String newValue) {}

  private static final int GUTTER = 40;
  private static final int LINE = 13; // line height of the 10.5px font
  private static final int PAD = 3;
  private static final int GAP = 4; // between rows
  private static final int FOLDED = 16; // height of a row standing for hidden steps
  private static final int LEGEND_H = 22;
  private static final int HEADER_H = 22;
  private static final int TOP = LEGEND_H + HEADER_H + 8;
  private static final int NOTES = 330;
  private static final int MAX_WIDTH = 1180; // what a 1400 px wide page shows without scrolling
  private static final int MAX_ACCESS_LINES = 3;
  static final double CHAR = 6.4; // advance of the 10.5px monospace font, with a little slack
  private static final String FONT =
      "ui-monospace, SFMono-Regular, Menlo, Consolas, DejaVu Sans Mono, monospace";
  private static final String[][] PALETTE = {
    {"#e8f0fe", "#4a6fa5"}, {"#e6f4ea", "#3c8a4f"}, {"#f3e8fd", "#7b4fa8"}, {"#e0f5f5", "#2f8585"},
    {"#fde8f0", "#a8456f"}, {"#f1ece4", "#7d6540"}, {"#eceff1", "#5f6b73"}, {"#f4f6e0", "#7a7f2a"},
  };
  private static final String SEQ_FILL = "#ffe9a8";
  private static final String SEQ_STROKE = "#b7791f";
  private static final String SEQ_BAND = "#fff6d6";
  private static final String BAD_FILL = "#ffd9d9";
  private static final String BAD_STROKE = "#c62828";
  private static final String ARROW = "#1e5bd6";

  private final ImmutableList<StepLog.Step> steps;
  private final ImmutableList<String> lanes;
  private final List<int[]> arrows = new ArrayList<>(); // {fromRow, toRow, handOff index}
  private final List<HandOff> handOffs = new ArrayList<>();
  private final Map<Integer, SeqChange> seqByRow = new HashMap<>();
  private final Map<Integer, List<String>> handOffNotes = new HashMap<>();
  private final List<SeqChange> seqChanges = new ArrayList<>();
  private final ImmutableSortedSet<Integer> cone;

  /**
   * Lanes follow {@code actors} (creation order), keeping only actors that ran a step; actors
   * missing from it get lanes as they appear.
   */
  public SequenceDiagram(List<StepLog.Step> steps, List<String> actors) {
    this.steps = ImmutableList.copyOf(steps);
    Set<String> ran = new LinkedHashSet<>();
    steps.forEach(s -> ran.add(s.actor()));
    Set<String> names = new LinkedHashSet<>();
    for (String a : actors) {
      if (ran.contains(a)) {
        names.add(a);
      }
    }
    names.addAll(ran);
    this.lanes = ImmutableList.copyOf(names);
    analyse();
    cone = computeCone();
  }

  public ImmutableList<String> lanes() {
    return lanes;
  }

  /** Lock hand-offs between different actors, in the order of the acquisitions. */
  public List<HandOff> handOffs() {
    return List.copyOf(handOffs);
  }

  /** Writes to objects whose name contains "seq", in order. */
  public List<SeqChange> seqChanges() {
    return List.copyOf(seqChanges);
  }

  /**
   * The rows (positions in the log) the violation at the last step depends on: the last step; every
   * earlier step of an actor already in the cone; for each value a cone step read, the step that
   * wrote it; for each lock it took, the step that released it to it; and, since an invariant may
   * read any state, the last write to every object. Everything else could be left out of the story.
   */
  public ImmutableSortedSet<Integer> cone() {
    return cone;
  }

  private record Release(int row, String actor, boolean exclusive) {}

  private void analyse() {
    Map<String, Release> lastRelease = new HashMap<>();
    Map<String, String> lastValue = new HashMap<>();
    for (int row = 0; row < steps.size(); row++) {
      StepLog.Step s = steps.get(row);
      for (StepLog.Access a : s.accesses()) {
        String obj = a.object();
        if (StepOps.acquires(a)) {
          Release rel = lastRelease.get(obj);
          if (rel != null && !rel.actor.equals(s.actor()) && (rel.exclusive || StepOps.exclusive(a))) {
            StepLog.Step from = steps.get(rel.row);
            handOffs.add(new HandOff(obj, from.index(), from.actor(), s.index(), s.actor()));
            arrows.add(new int[] {rel.row, row, handOffs.size() - 1});
            handOffNotes.computeIfAbsent(row, k -> new ArrayList<>())
                .add("\u21e2 " + obj + " from " + from.actor() + " (step " + from.index() + ")");
          }
          // Further shared acquisitions can still be hand-offs from the same release.
          if (rel != null && (StepOps.exclusive(a) || rel.actor.equals(s.actor()))) {
            lastRelease.remove(obj);
          }
        } else if (StepOps.releases(a)) {
          lastRelease.put(obj, new Release(row, s.actor(), StepOps.exclusive(a)));
        }
        if (StepOps.changesSeq(a)) {
          String old = StepOps.oldValue(a);
          SeqChange c = new SeqChange(s.index(), s.actor(), obj,
              old != null ? old : lastValue.get(obj), StepOps.newValue(a));
          seqChanges.add(c);
          seqByRow.put(row, c);
        }
        if (a.operation().equals("read")) {
          lastValue.put(obj, a.value());
        } else if (StepOps.writes(a)) {
          lastValue.put(obj, StepOps.newValue(a));
        }
      }
    }
  }

  private ImmutableSortedSet<Integer> computeCone() {
    int n = steps.size();
    TreeSet<Integer> in = new TreeSet<>();
    if (n == 0) {
      return ImmutableSortedSet.of();
    }
    // lastWriter[row] per object: who wrote the value a row read
    List<Integer> work = new ArrayList<>();
    work.add(n - 1);
    Map<String, Integer> finalWriter = new HashMap<>();
    for (int row = 0; row < n; row++) {
      for (StepLog.Access a : steps.get(row).accesses()) {
        if (StepOps.writes(a)) {
          finalWriter.put(a.object(), row);
        }
      }
    }
    work.addAll(finalWriter.values());
    Map<Integer, Integer> releasedTo = new HashMap<>();
    for (int[] a : arrows) {
      releasedTo.put(a[1], a[0]);
    }
    while (!work.isEmpty()) {
      int row = work.remove(work.size() - 1);
      if (!in.add(row)) {
        continue;
      }
      StepLog.Step s = steps.get(row);
      for (int earlier = row - 1; earlier >= 0; earlier--) {
        if (steps.get(earlier).actor().equals(s.actor())) {
          work.add(earlier); // program order
        }
      }
      for (StepLog.Access a : s.accesses()) {
        if (a.operation().equals("read")) {
          Integer w = writerBefore(a.object(), row);
          if (w != null) {
            work.add(w);
          }
        }
      }
      Integer rel = releasedTo.get(row);
      if (rel != null) {
        work.add(rel);
      }
    }
    return ImmutableSortedSet.copyOf(in);
  }

  private Integer writerBefore(String object, int row) {
    for (int r = row - 1; r >= 0; r--) {
      for (StepLog.Access a : steps.get(r).accesses()) {
        if (a.object().equals(object) && StepOps.writes(a)) {
          return r;
        }
      }
    }
    return null;
  }

  /** The SVG document with every step; see {@link #toSvg(String, String, boolean)}. */
  public String toSvg(String idPrefix, String violation) {
    return toSvg(idPrefix, violation, false);
  }

  /**
   * The SVG document. {@code idPrefix} keeps element ids unique when several diagrams share a page;
   * {@code violation} annotates the last step (null: no violation to mark); {@code coneOnly} folds
   * every run of steps outside {@link #cone()} into one line.
   */
  public String toSvg(String idPrefix, String violation, boolean coneOnly) {
    String prefix = idPrefix.replaceAll("[^A-Za-z0-9_-]", "_");
    prefix = prefix.matches("[A-Za-z].*") ? prefix : "d" + prefix;
    int laneW = Math.max(150, Math.min(360, (MAX_WIDTH - GUTTER - NOTES - 8) / Math.max(1, lanes.size())));
    int boxW = laneW - 24; // the gap between lanes leaves room for hand-off arrows to bend
    int notesX = GUTTER + lanes.size() * laneW + 8;
    int width = notesX + NOTES;
    int last = violation == null ? -1 : steps.size() - 1;
    // Lay the rows out: a shown step, or one folded line for a run of hidden steps.
    List<Row> rows = new ArrayList<>();
    Map<Integer, Row> byStep = new HashMap<>();
    int y = TOP;
    for (int i = 0; i < steps.size(); i++) {
      if (coneOnly && !cone.contains(i)) {
        int j = i;
        while (j + 1 < steps.size() && !cone.contains(j + 1)) {
          j++;
        }
        Row r = new Row(i, j, y, FOLDED, List.of(), List.of());
        rows.add(r);
        y += FOLDED + GAP;
        i = j;
        continue;
      }
      List<String[]> box = boxLines(i, boxW);
      List<String[]> notes = noteLines(i, i == last ? violation : null);
      int h = Math.max(box.size(), notes.size()) * LINE + 2 * PAD;
      Row r = new Row(i, i, y, h, box, notes);
      rows.add(r);
      byStep.put(i, r);
      y += h + GAP;
    }
    int height = y + 8;
    Svg svg = new Svg();
    svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "seq", "width", width,
        "height", height, "viewBox", "0 0 " + width + " " + height, "font-family", FONT,
        "font-size", "10.5", "role", "img", "aria-label", "sequence diagram: " + steps.size()
            + " steps, " + lanes.size() + " actors");
    svg.leaf("title", "Counterexample: " + steps.size() + " steps over " + String.join(", ", lanes));
    svg.open("defs");
    svg.open("marker", "id", prefix + "-arrow", "viewBox", "0 0 8 8", "refX", 7, "refY", 4,
        "markerWidth", 7, "markerHeight", 7, "orient", "auto");
    svg.empty("path", "d", "M0,0 L8,4 L0,8 z", "fill", ARROW);
    svg.close("marker");
    svg.close("defs");
    legend(svg, coneOnly);
    header(svg, laneW, height);
    for (Row r : rows) {
      if (r.first == r.last && seqByRow.containsKey(r.first)) {
        // A full-width band: every lane sees where the count moved.
        svg.empty("rect", "x", GUTTER, "y", r.y - GAP / 2, "width", notesX - GUTTER, "height",
            r.h + GAP, "fill", SEQ_BAND);
      }
    }
    for (Row r : rows) {
      if (r.folded()) {
        folded(svg, r, notesX);
      } else {
        step(svg, r, laneW, boxW, r.first == last);
      }
    }
    for (int[] a : arrows) {
      Row from = byStep.get(a[0]);
      Row to = byStep.get(a[1]);
      if (from != null && to != null) {
        arrow(svg, from, to, handOffs.get(a[2]), laneW, boxW, prefix);
      }
    }
    for (Row r : rows) {
      notes(svg, r, notesX, r.first == last);
    }
    if (steps.isEmpty()) {
      svg.leaf("text", "no steps were recorded", "x", GUTTER, "y", TOP + 12, "fill", "#666");
    }
    svg.close("svg");
    return svg.toString();
  }

  /** One row of the layout: steps {@code first..last} (more than one when folded). */
  private record Row(int first, int last, int y, int h, List<String[]> box, List<String[]> notes) {
    boolean folded() {
      return box.isEmpty();
    }
  }

  private void legend(Svg svg, boolean coneOnly) {
    int y = 15;
    int x = 4;
    svg.empty("path", "d", "M" + x + "," + (y - 4) + " L" + (x + 24) + "," + (y - 4), "stroke", ARROW,
        "stroke-width", 1.5);
    svg.empty("path", "d", "M" + (x + 22) + "," + (y - 8) + " L" + (x + 30) + "," + (y - 4) + " L"
        + (x + 22) + "," + y + " z", "fill", ARROW);
    svg.leaf("text", "lock hand-off", "x", x + 36, "y", y);
    x += 140;
    svg.empty("rect", "x", x, "y", y - 10, "width", 22, "height", 12, "rx", 3, "fill", SEQ_FILL,
        "stroke", SEQ_STROKE);
    svg.leaf("text", "seq count changed", "x", x + 28, "y", y);
    x += 160;
    svg.empty("rect", "x", x, "y", y - 10, "width", 22, "height", 12, "rx", 3, "fill", BAD_FILL,
        "stroke", BAD_STROKE, "stroke-width", 2);
    svg.leaf("text", "violating step", "x", x + 28, "y", y);
    x += 130;
    svg.leaf("text", "x\u2190v wrote, x\u2192v read"
        + (coneOnly ? "; \u22ef steps outside the causal cone" : ""), "x", x, "y", y, "fill", "#555");
  }

  private void header(Svg svg, int laneW, int height) {
    int y = LEGEND_H;
    svg.leaf("text", "step", "x", GUTTER - 6, "y", y + 15, "text-anchor", "end", "fill", "#777",
        "font-size", "9.5");
    for (int i = 0; i < lanes.size(); i++) {
      String[] colour = PALETTE[i % PALETTE.length];
      int x = GUTTER + i * laneW;
      int cx = x + laneW / 2;
      svg.empty("line", "x1", cx, "y1", y + HEADER_H, "x2", cx, "y2", height - 4, "stroke", "#b0b7bf",
          "stroke-dasharray", "3,3");
      svg.open("g", "class", "lane");
      svg.leaf("title", lanes.get(i));
      svg.empty("rect", "x", x + 4, "y", y, "width", laneW - 8, "height", HEADER_H - 2, "rx", 4,
          "fill", colour[0], "stroke", colour[1]);
      svg.leaf("text", fit(lanes.get(i), laneW - 16), "x", cx, "y", y + 14, "text-anchor", "middle",
          "font-weight", "bold", "fill", colour[1]);
      svg.close("g");
    }
  }

  private void step(Svg svg, Row r, int laneW, int boxW, boolean violating) {
    StepLog.Step s = steps.get(r.first);
    int lane = lanes.indexOf(s.actor());
    String[] colour = PALETTE[lane % PALETTE.length];
    boolean seq = seqByRow.containsKey(r.first);
    String fill = violating ? BAD_FILL : seq ? SEQ_FILL : colour[0];
    String stroke = violating ? BAD_STROKE : seq ? SEQ_STROKE : colour[1];
    int x = boxX(lane, laneW, boxW);
    svg.leaf("text", Integer.toString(s.index()), "x", GUTTER - 6, "y", r.y + PAD + 10,
        "text-anchor", "end", "fill", "#777", "font-size", "9.5");
    svg.open("g", "class", "step");
    svg.leaf("title", tooltip(s));
    svg.empty("rect", "x", x, "y", r.y, "width", boxW, "height", r.h, "rx", 3, "fill", fill,
        "stroke", stroke, "stroke-width", violating ? 2 : 1);
    int ly = r.y + PAD + 10;
    for (String[] line : r.box) {
      svg.leaf("text", line[0], "x", x + 4, "y", ly, "fill", line[1], "font-weight", line[2]);
      ly += LINE;
    }
    svg.close("g");
  }

  /** One line standing for a run of hidden steps. */
  private void folded(Svg svg, Row r, int notesX) {
    int n = r.last - r.first + 1;
    String text = "\u22ef " + n + " step" + (n == 1 ? "" : "s") + " (" + steps.get(r.first).index()
        + (n == 1 ? "" : "\u2013" + steps.get(r.last).index()) + ") outside the causal cone";
    svg.open("g", "class", "folded");
    svg.leaf("title", "hidden: steps that neither the violating step nor the final state depends on; "
        + "the full diagram below shows them");
    svg.empty("line", "x1", GUTTER, "y1", r.y + r.h / 2, "x2", notesX - 8, "y2", r.y + r.h / 2,
        "stroke", "#c9ced3", "stroke-dasharray", "2,4");
    svg.leaf("text", fit(text, notesX - GUTTER - 16), "x", GUTTER + 8, "y", r.y + 11, "fill", "#666",
        "font-style", "italic", "stroke", "#fff", "stroke-width", 3, "paint-order", "stroke");
    svg.close("g");
  }

  private void arrow(Svg svg, Row fromRow, Row toRow, HandOff h, int laneW, int boxW, String prefix) {
    int from = lanes.indexOf(h.fromActor());
    int to = lanes.indexOf(h.toActor());
    int dir = to > from ? 1 : -1;
    int x1 = boxX(from, laneW, boxW) + (dir > 0 ? boxW : 0);
    int x2 = boxX(to, laneW, boxW) + (dir > 0 ? 0 : boxW);
    int y1 = fromRow.y + Math.min(fromRow.h / 2, 10);
    int y2 = toRow.y + Math.min(toRow.h / 2, 10);
    int bend = Math.min(40, Math.abs(x2 - x1) / 2);
    svg.open("g", "class", "handoff");
    svg.leaf("title", "lock hand-off: " + h.object() + " released by " + h.fromActor() + " at step "
        + h.fromStep() + ", acquired by " + h.toActor() + " at step " + h.toStep());
    svg.empty("path", "d", "M" + x1 + "," + y1 + " C" + (x1 + dir * bend) + "," + y1 + " "
        + (x2 - dir * bend) + "," + y2 + " " + x2 + "," + y2, "fill", "none", "stroke", ARROW,
        "stroke-width", 1.4, "stroke-opacity", 0.75, "marker-end", "url(#" + prefix + "-arrow)");
    svg.close("g");
  }

  private void notes(Svg svg, Row r, int x, boolean violating) {
    if (r.notes.isEmpty()) {
      return;
    }
    svg.open("g", "class", violating ? "note violation" : "note");
    if (violating) {
      StringBuilder all = new StringBuilder();
      r.notes.forEach(l -> all.append(all.length() == 0 ? "" : " ").append(l[0]));
      svg.leaf("title", all.toString());
    }
    int ly = r.y + PAD + 10;
    for (String[] line : r.notes) {
      svg.leaf("text", line[0], "x", x, "y", ly, "fill", line[1], "font-weight", line[2]);
      ly += LINE;
    }
    svg.close("g");
  }

  private static int boxX(int lane, int laneW, int boxW) {
    return GUTTER + lane * laneW + (laneW - boxW) / 2;
  }

  /** The box text: the label, wrapped, then the accesses worth showing, each wrapped. */
  private List<String[]> boxLines(int row, int boxW) {
    StepLog.Step s = steps.get(row);
    int chars = (int) ((boxW - 8) / CHAR);
    List<String[]> out = new ArrayList<>();
    for (String l : wrap(s.label(), chars)) {
      out.add(new String[] {l, "#111", "bold"});
    }
    boolean seq = seqByRow.containsKey(row);
    List<String> shown = accessLines(s);
    int limit = shown.size() > MAX_ACCESS_LINES ? MAX_ACCESS_LINES - 1 : shown.size();
    for (int i = 0; i < limit; i++) {
      for (String l : wrap(shown.get(i), chars)) {
        out.add(new String[] {l, seq ? "#7a4a00" : "#444", "normal"});
      }
    }
    if (limit < shown.size()) {
      out.add(new String[] {"+" + (shown.size() - limit) + " more (hover)", "#777", "normal"});
    }
    return out;
  }

  /**
   * The accesses a reader needs: values written (a sequence count first), then values read; lock
   * and wait operations only when the step touched no data.
   */
  static List<String> accessLines(StepLog.Step s) {
    List<String> writes = new ArrayList<>();
    List<String> reads = new ArrayList<>();
    List<String> sync = new ArrayList<>();
    for (StepLog.Access a : s.accesses()) {
      if (StepOps.writes(a)) {
        String old = StepOps.oldValue(a);
        String line = a.object() + "\u2190" + shown(StepOps.newValue(a))
            + (old == null ? "" : " (was " + old + ")");
        if (StepOps.changesSeq(a)) {
          writes.add(0, line); // the sequence count first: it is what the row is about
        } else {
          writes.add(line);
        }
      } else if (a.operation().equals("read")) {
        reads.add(a.object() + "\u2192" + shown(a.value()));
      } else {
        sync.add(a.operation() + " " + a.object() + (a.value().isEmpty() ? "" : " " + a.value()));
      }
    }
    writes.addAll(reads);
    return writes.isEmpty() ? sync : writes;
  }

  /** An empty value (an empty slot, a null reference) as a reader sees it. */
  private static String shown(String value) {
    return value.isEmpty() ? "(none)" : value;
  }

  /** The notes of one row: the violation in full, the seq change, the hand-offs it received. */
  private List<String[]> noteLines(int row, String violation) {
    int chars = (int) ((NOTES - 8) / CHAR);
    List<String[]> out = new ArrayList<>();
    if (violation != null) {
      for (String l : wrap("\u2717 " + violation, chars)) {
        out.add(new String[] {l, BAD_STROKE, "bold"});
      }
    }
    SeqChange c = seqByRow.get(row);
    if (c != null) {
      String text = c.object() + " " + (c.oldValue() == null ? "" : c.oldValue() + "\u2192")
          + c.newValue() + epochWords(c);
      for (String l : wrap(text, chars)) {
        out.add(new String[] {l, "#7a4a00", "bold"});
      }
    }
    for (String h : handOffNotes.getOrDefault(row, List.of())) {
      for (String l : wrap(h, chars)) {
        out.add(new String[] {l, ARROW, "normal"});
      }
    }
    return out;
  }

  /** For the interval notifier's counts: whether the write opened or closed an epoch. */
  private static String epochWords(SeqChange c) {
    try {
      long v = Long.parseLong(c.newValue().trim());
      if (c.oldValue() != null && Long.parseLong(c.oldValue().trim()) == v) {
        return "";
      }
      return (v & 1) == 1 ? " (odd: invalidation epoch open)" : " (even: no invalidation)";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private static String tooltip(StepLog.Step s) {
    StringBuilder sb = new StringBuilder("step " + s.index() + ", " + s.actor() + ": " + s.label());
    for (StepLog.Access a : s.accesses()) {
      sb.append('\n').append(a);
    }
    return sb.toString();
  }

  /**
   * {@code text} in lines of at most {@code chars} characters, broken after {@code _ : . , / ]}
   * or a space where possible; nothing is dropped.
   */
  static List<String> wrap(String text, int chars) {
    List<String> out = new ArrayList<>();
    String rest = text;
    int width = Math.max(4, chars);
    while (rest.length() > width) {
      int cut = -1;
      for (int i = width; i > width / 2; i--) {
        char c = rest.charAt(i - 1);
        if (c == '_' || c == ':' || c == '.' || c == ',' || c == '/' || c == ']' || c == ' ') {
          cut = i;
          break;
        }
      }
      if (cut < 0) {
        cut = width;
      }
      out.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isEmpty() || out.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  private static String fit(String text, int pixels) {
    int chars = (int) (pixels / CHAR);
    if (text.length() <= chars) {
      return text;
    }
    return chars <= 1 ? "\u2026" : text.substring(0, chars - 1) + "\u2026";
  }

  /** A tiny SVG writer: every attribute value and text is escaped. */
  private static final class Svg {
    private final StringBuilder sb = new StringBuilder(16_384);

    void open(String tag, Object... attrs) {
      sb.append('<').append(tag);
      attributes(attrs);
      sb.append(">\n");
    }

    void empty(String tag, Object... attrs) {
      sb.append('<').append(tag);
      attributes(attrs);
      sb.append("/>\n");
    }

    void leaf(String tag, String text, Object... attrs) {
      sb.append('<').append(tag);
      attributes(attrs);
      sb.append('>').append(Escapes.xml(text)).append("</").append(tag).append(">\n");
    }

    void close(String tag) {
      sb.append("</").append(tag).append(">\n");
    }

    private void attributes(Object[] attrs) {
      for (int i = 0; i < attrs.length; i += 2) {
        sb.append(' ').append(attrs[i]).append("=\"").append(Escapes.xml(String.valueOf(attrs[i + 1])))
            .append('"');
      }
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
