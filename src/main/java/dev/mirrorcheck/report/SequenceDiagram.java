package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.explore.StepLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A replayed counterexample as an inline SVG sequence diagram: one lane per actor, time flowing down,
 * one compact row per step. Lock hand-offs are blue arrows from the step that released a lock to the
 * step of another actor that next acquired it; writes to sequence counts are amber rows annotated with
 * the new value; the violating (last) step is red. Every box carries the step's full log as a tooltip.
 */
public final class SequenceDiagram {
  /** A lock passed from the actor that released it to the next other actor that acquired it. */
  public record HandOff(String object, int fromStep, String fromActor, int toStep, String toActor) {}

  /** A write to a sequence count; {@code oldValue} is null when the log does not show it. */
  public record SeqChange(int step, String actor, String object, String oldValue, String newValue) {}

  private static final int GUTTER = 40;
  private static final int ROW = 18;
  private static final int BOX_H = 15;
  private static final int LEGEND_H = 22;
  private static final int HEADER_H = 22;
  private static final int TOP = LEGEND_H + HEADER_H + 8;
  private static final int NOTES = 260;
  private static final int MIN_WIDTH = 680;
  private static final double CHAR = 6.3; // advance of the 10.5px monospace font
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
  private final List<SeqChange> seqChanges = new ArrayList<>();

  /** Lanes follow {@code actors} (creation order); actors missing from it get lanes as they appear. */
  public SequenceDiagram(List<StepLog.Step> steps, List<String> actors) {
    this.steps = ImmutableList.copyOf(steps);
    Set<String> names = new LinkedHashSet<>(actors);
    steps.forEach(s -> names.add(s.actor()));
    this.lanes = ImmutableList.copyOf(names);
    analyse();
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

  /**
   * The SVG document. {@code idPrefix} keeps element ids unique when several diagrams share a page;
   * {@code violation} annotates the last step (null: no violation to mark).
   */
  public String toSvg(String idPrefix, String violation) {
    String prefix = idPrefix.replaceAll("[^A-Za-z0-9_-]", "_");
    prefix = prefix.matches("[A-Za-z].*") ? prefix : "d" + prefix;
    int laneW = lanes.size() <= 3 ? 240 : lanes.size() <= 5 ? 200 : 170;
    int boxW = laneW - 36; // the gap between lanes leaves room for hand-off arrows to bend
    int notesX = GUTTER + lanes.size() * laneW + 8;
    int width = Math.max(MIN_WIDTH, notesX + NOTES);
    int height = TOP + Math.max(1, steps.size()) * ROW + 8;
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
    legend(svg);
    header(svg, laneW, height);
    int last = violation == null ? -1 : steps.size() - 1;
    for (int row = 0; row < steps.size(); row++) {
      if (seqByRow.containsKey(row)) {
        // A full-width band: every lane sees where the count moved.
        svg.empty("rect", "x", GUTTER, "y", rowTop(row), "width", notesX - GUTTER, "height", ROW,
            "fill", SEQ_BAND);
      }
    }
    for (int row = 0; row < steps.size(); row++) {
      step(svg, row, laneW, boxW, row == last);
    }
    for (int[] a : arrows) {
      arrow(svg, a[0], a[1], handOffs.get(a[2]), laneW, boxW, prefix);
    }
    for (int row = 0; row < steps.size(); row++) {
      note(svg, row, notesX, row == last ? violation : null);
    }
    if (steps.isEmpty()) {
      svg.leaf("text", "no steps were recorded", "x", GUTTER, "y", TOP + 12, "fill", "#666");
    }
    svg.close("svg");
    return svg.toString();
  }

  private void legend(Svg svg) {
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
    svg.leaf("text", "x\u2190v write, x\u2192v read", "x", x, "y", y, "fill", "#555");
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
      svg.open("g");
      svg.leaf("title", lanes.get(i));
      svg.empty("rect", "x", x + 6, "y", y, "width", laneW - 12, "height", HEADER_H - 2, "rx", 4,
          "fill", colour[0], "stroke", colour[1]);
      svg.leaf("text", fit(lanes.get(i), laneW - 20), "x", cx, "y", y + 14, "text-anchor", "middle",
          "font-weight", "bold", "fill", colour[1]);
      svg.close("g");
    }
  }

  private void step(Svg svg, int row, int laneW, int boxW, boolean violating) {
    StepLog.Step s = steps.get(row);
    int lane = lanes.indexOf(s.actor());
    String[] colour = PALETTE[lane % PALETTE.length];
    boolean seq = seqByRow.containsKey(row);
    String fill = violating ? BAD_FILL : seq ? SEQ_FILL : colour[0];
    String stroke = violating ? BAD_STROKE : seq ? SEQ_STROKE : colour[1];
    int x = boxX(lane, laneW, boxW);
    int y = rowTop(row) + (ROW - BOX_H) / 2;
    svg.leaf("text", Integer.toString(s.index()), "x", GUTTER - 6, "y", y + 11, "text-anchor", "end",
        "fill", "#777", "font-size", "9.5");
    svg.open("g");
    svg.leaf("title", tooltip(s));
    svg.empty("rect", "x", x, "y", y, "width", boxW, "height", BOX_H, "rx", 3, "fill", fill,
        "stroke", stroke, "stroke-width", violating ? 2 : 1);
    int chars = (int) ((boxW - 8) / CHAR);
    String label = s.label();
    String summary = summary(s);
    svg.openText("x", x + 4, "y", y + 11);
    if (label.length() >= chars || summary.isEmpty()) {
      svg.tspan(truncate(label, chars), "fill", "#111");
    } else {
      svg.tspan(label, "fill", "#111");
      svg.tspan(" " + truncate(summary, chars - label.length() - 1), "fill",
          seq ? "#7a4a00" : "#555", "font-weight", seq ? "bold" : "normal");
    }
    svg.close("text");
    svg.close("g");
  }

  private void arrow(Svg svg, int fromRow, int toRow, HandOff h, int laneW, int boxW, String prefix) {
    int from = lanes.indexOf(h.fromActor());
    int to = lanes.indexOf(h.toActor());
    int dir = to > from ? 1 : -1;
    int x1 = boxX(from, laneW, boxW) + (dir > 0 ? boxW : 0);
    int x2 = boxX(to, laneW, boxW) + (dir > 0 ? 0 : boxW);
    int y1 = rowTop(fromRow) + ROW / 2;
    int y2 = rowTop(toRow) + ROW / 2;
    int bend = Math.min(40, Math.abs(x2 - x1) / 2);
    svg.open("g");
    svg.leaf("title", "lock hand-off: " + h.object() + " released by " + h.fromActor() + " at step "
        + h.fromStep() + ", acquired by " + h.toActor() + " at step " + h.toStep());
    svg.empty("path", "d", "M" + x1 + "," + y1 + " C" + (x1 + dir * bend) + "," + y1 + " "
        + (x2 - dir * bend) + "," + y2 + " " + x2 + "," + y2, "fill", "none", "stroke", ARROW,
        "stroke-width", 1.4, "stroke-opacity", 0.85, "marker-end", "url(#" + prefix + "-arrow)");
    svg.leaf("text", fit(h.object(), 90), "x", (x1 + x2) / 2, "y", (y1 + y2) / 2 - 2,
        "text-anchor", "middle", "fill", ARROW, "font-size", "9", "stroke", "#fff",
        "stroke-width", 3, "paint-order", "stroke");
    svg.close("g");
  }

  private void note(Svg svg, int row, int x, String violation) {
    int y = rowTop(row) + 13;
    if (violation != null) {
      svg.open("g");
      svg.leaf("title", violation);
      svg.leaf("text", "\u2717 " + fit(violation, NOTES - 16), "x", x, "y", y, "fill", BAD_STROKE,
          "font-weight", "bold");
      svg.close("g");
    } else if (seqByRow.containsKey(row)) {
      SeqChange c = seqByRow.get(row);
      String text = c.object() + " " + (c.oldValue() == null ? "" : c.oldValue() + "\u2192")
          + c.newValue();
      svg.open("g");
      svg.leaf("title", "sequence count " + c.object() + " changed"
          + (c.oldValue() == null ? "" : " from " + c.oldValue()) + " to " + c.newValue()
          + " at step " + c.step() + " by " + c.actor());
      svg.leaf("text", fit(text, NOTES - 16), "x", x, "y", y, "fill", SEQ_STROKE, "font-weight",
          "bold");
      svg.close("g");
    }
  }

  private static int boxX(int lane, int laneW, int boxW) {
    return GUTTER + lane * laneW + (laneW - boxW) / 2;
  }

  private static int rowTop(int row) {
    return TOP + row * ROW;
  }

  /** The access that says most about a step: a seq change, else a write, a read, a lock operation. */
  static String summary(StepLog.Step s) {
    StepLog.Access best = null;
    int bestRank = -1;
    for (StepLog.Access a : s.accesses()) {
      int rank = StepOps.changesSeq(a) ? 4 : StepOps.writes(a) ? 3 : a.operation().equals("read") ? 2
          : StepOps.acquires(a) || StepOps.releases(a) ? 1 : 0;
      if (rank > bestRank) {
        best = a;
        bestRank = rank;
      }
    }
    if (best == null) {
      return "";
    }
    String text;
    if (StepOps.writes(best)) {
      text = best.object() + "\u2190" + StepOps.newValue(best);
    } else if (best.operation().equals("read")) {
      text = best.object() + "\u2192" + best.value();
    } else {
      text = best.operation() + " " + best.object() + (best.value().isEmpty() ? "" : " " + best.value());
    }
    int more = s.accesses().size() - 1;
    return more > 0 ? text + " +" + more : text;
  }

  private static String tooltip(StepLog.Step s) {
    StringBuilder sb = new StringBuilder("step " + s.index() + ", " + s.actor() + ": " + s.label());
    for (StepLog.Access a : s.accesses()) {
      sb.append('\n').append(a);
    }
    return sb.toString();
  }

  private static String fit(String text, int pixels) {
    return truncate(text, (int) (pixels / CHAR));
  }

  private static String truncate(String text, int chars) {
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

    void openText(Object... attrs) {
      sb.append("<text");
      attributes(attrs);
      sb.append('>');
    }

    void tspan(String text, Object... attrs) {
      sb.append("<tspan");
      attributes(attrs);
      sb.append('>').append(Escapes.xml(text)).append("</tspan>");
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
