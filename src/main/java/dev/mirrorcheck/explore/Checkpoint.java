package dev.mirrorcheck.explore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an exploration needs to go on where it stopped, as a versioned JSON file: one worker's
 * search stack ({@link DporSearch}: per node its backtrack, done and sleep sets, footprints and the
 * value chosen) or several workers' split nodes and branches in progress ({@link Frontier}), what was found so far (statistics, findings with their schedules, coverage, final
 * states, the first bound hit) and what the reduction learnt ({@link Learned}). A file is written to a
 * temporary name, forced to disk and renamed over the previous one, so a run killed at any moment
 * leaves the previous checkpoint or the new one, never half of one.
 */
final class Checkpoint {
  static final String FORMAT = "mirrorcheck-checkpoint";
  /** 2: several workers' frontier ({@link Frontier}); version 1 files (one worker) still load. */
  static final int VERSION = 2;
  private static final int OLDEST_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Checkpoint() {}

  /**
   * The whole file: one worker's {@code search} stack, or several workers' {@code frontier} (the
   * other is null).
   */
  record File(String format, int version, String identity, String options, boolean finished,
      String incomplete, Counts counts, Found found, LearnedFacts learned, Search search,
      Frontier frontier) {}

  /** A worker's counters. */
  record Counts(long executions, long completed, long boundHits, int maxDepth, long transitions,
      long newTransitions, long elapsedMillis, Estimate.State estimate) {}

  /** What the exploration found so far. */
  record Found(List<FindingRecord> findings, Map<String, Long> findingCounts,
      Map<String, Integer> foundAtDecision, Map<String, Long> coverage, List<String> finalStates,
      Bound firstBound) {}

  record FindingRecord(String key, Finding.Kind kind, String property, String message,
      String actor, List<Step> schedule, int steps) {}

  /** One decision: an actor (with its name) or a choice (actor -1). */
  record Step(int actor, String name, int choice) {}

  record Bound(String reason, boolean stepBound, List<Step> schedule, int steps,
      List<TailStep> tail, Map<String, String> actorStates) {}

  record TailStep(int index, String actor, String label) {}

  /** {@link Learned}: per object id, the facts the reduction relies on. */
  record LearnedFacts(Map<Integer, Long> visibleTo, List<LocationFact> locations,
      List<MutexFact> mutexes, int nextMutexBit, long restarts) {}

  /** {@code owner}: see {@link Learned.LocationFacts#owner} (null in files written before it). */
  record LocationFact(int id, long lockset, boolean reliedOnProtection, boolean nonMover,
      Integer owner, boolean reliedOnOwner) {}

  record MutexFact(int id, int bit, boolean nonMover, boolean reliedOnMoving) {}

  /**
   * {@link DporSearch}'s stack up to the frontier, and its counters. {@code optimal} is the mode
   * running: false with a {@code sourceBecause} for an optimal run that gave way to source-DPOR
   * after {@code optimalExecutions} executions.
   */
  record Search(int preemptionBound, boolean optimal, int width, int frontier, long nextOpaque,
      boolean choiceSeen, Tree guide, List<Node> nodes, long sleepBlocked, long sleepPruned,
      long fallbacks, long boundPruned, long guideMisses, long guideWakes, String sourceBecause,
      long optimalExecutions) {}

  record Node(byte kind, int chosen, int choices, int running, long signature, int preemptions,
      long enabled, long backtrack, long done, long sleep, long opaque, long woken,
      int[][] explored, int[][] sleepFootprint, Tree wakeup, Tree guideAt) {}

  /**
   * Several workers' search between two executions of each: the split nodes alive (parents before
   * children) and the branches in progress, each with what its worker explored below it, which
   * becomes split nodes again on resume ({@link SplitNode#graft}), so any number of workers can go on.
   */
  record Frontier(List<Split> nodes, List<Lease> leases, long sleepBlocked, long sleepPruned,
      long fallbacks) {}

  /** A {@link SplitNode}: {@code parent} indexes {@link Frontier#nodes} (-1: the root). */
  record Split(int parent, int via, long doneAtVia, int depth, byte kind, long enabled, int running,
      long signature, int choices, long sleep, int[][] sleepFootprint, long backtrack, long done,
      int nextValue, long settled, int[][] footprints) {}

  /**
   * A branch in progress: of split node {@code node} (-1: none, the worker's stack starts at the
   * root), taken after {@code doneThen}, and the worker's nodes below it up to its next execution.
   */
  record Lease(int node, int branch, long doneThen, List<Node> below) {}

  /** A {@link WakeupTree}. */
  record Tree(int actor, int[] footprint, List<Tree> children) {
    static Tree of(WakeupTree w) {
      if (w == null) {
        return null;
      }
      List<Tree> kids = new ArrayList<>(w.childCount());
      for (int i = 0; i < w.childCount(); i++) {
        kids.add(of(w.child(i)));
      }
      return new Tree(w.actor, w.footprint, kids);
    }

    static WakeupTree toWakeupTree(Tree t) {
      if (t == null) {
        return null;
      }
      WakeupTree w = new WakeupTree(t.actor, t.footprint);
      for (Tree c : t.children) {
        w.add(toWakeupTree(c));
      }
      return w;
    }
  }

  /** A checkpoint that cannot be used: unreadable, of another format, or of another exploration. */
  static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  static List<Step> steps(List<Decision> schedule) {
    List<Step> out = new ArrayList<>(schedule.size());
    for (Decision d : schedule) {
      out.add(new Step(d.actor(), d.actorName(), d.choice()));
    }
    return out;
  }

  static List<Decision> decisions(List<Step> steps) {
    List<Decision> out = new ArrayList<>(steps.size());
    for (Step s : steps) {
      out.add(s.actor() < 0 ? Decision.choice(s.choice()) : Decision.run(s.actor(), s.name()));
    }
    return out;
  }

  /** What {@code run} found so far. */
  static Found found(Exploration run) {
    List<FindingRecord> findings = new ArrayList<>();
    run.findings.forEach((key, f) -> findings.add(new FindingRecord(key, f.kind(), f.property(),
        f.message(), f.actor(), steps(f.schedule()), f.steps())));
    Map<String, Long> counts = new LinkedHashMap<>();
    run.findingCounts.forEach((k, v) -> counts.put(k, v[0]));
    Bound bound = null;
    BoundExample b = run.firstBound;
    if (b != null) {
      List<TailStep> tail = new ArrayList<>();
      for (StepLog.Step s : b.tail()) {
        tail.add(new TailStep(s.index(), s.actor(), s.label()));
      }
      bound = new Bound(b.reason(), b.stepBound(), steps(b.schedule()), b.steps(), tail,
          b.actorStates());
    }
    return new Found(findings, counts, new LinkedHashMap<>(run.foundAtDecision),
        run.coverage.snapshot(), new ArrayList<>(run.finalStates), bound);
  }

  /** Puts what was found back into a fresh {@code run}. */
  static void restore(Found found, Exploration run) {
    run.forget();
    for (FindingRecord f : found.findings()) {
      run.findings.put(f.key(), new Finding(f.kind(), f.property(), f.message(), f.actor(),
          decisions(f.schedule()), f.steps()));
    }
    found.findingCounts().forEach((k, v) -> run.findingCounts.put(k, new long[] {v}));
    run.foundAtDecision.putAll(found.foundAtDecision());
    run.coverage.restore(found.coverage());
    run.finalStates.addAll(found.finalStates());
    Bound b = found.firstBound();
    if (b != null) {
      List<StepLog.Step> tail = new ArrayList<>();
      for (TailStep s : b.tail()) {
        tail.add(new StepLog.Step(s.index(), s.actor(), s.label()));
      }
      run.firstBound = new BoundExample(b.reason(), b.stepBound(), decisions(b.schedule()),
          b.steps(), tail, b.actorStates());
    }
  }

  /** Writes {@code file} to {@code target} atomically: a temporary file, forced, then renamed. */
  static void write(Path target, File file) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = Channels.newOutputStream(ch);
      JSON.writeValue(new NonClosing(out), file);
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself survives a crash
    } catch (IOException e) {
      // some file systems cannot open a directory; the rename is still atomic
    }
  }

  /**
   * Reads {@code target} and checks that it belongs to the exploration described by {@code identity}
   * and {@code options}; an {@link Invalid} names the file and the problem in one line.
   */
  static File read(Path target, String identity, String options) {
    File f;
    try {
      f = JSON.readValue(target.toFile(), File.class);
    } catch (NoSuchFileException e) {
      throw new Invalid(target + ": no such checkpoint");
    } catch (JsonProcessingException e) {
      throw new Invalid(target + ": not a readable mirrorcheck checkpoint (" + oneLine(
          e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new Invalid(target + ": cannot read the checkpoint (" + oneLine(e.getMessage()) + ")");
    }
    if (f == null || !FORMAT.equals(f.format())) {
      throw new Invalid(target + ": not a mirrorcheck checkpoint");
    }
    if (f.version() < OLDEST_VERSION || f.version() > VERSION) {
      throw new Invalid(target + ": checkpoint format version " + f.version()
          + ", this mirrorcheck reads versions " + OLDEST_VERSION + " to " + VERSION);
    }
    if (!identity.equals(f.identity())) {
      throw new Invalid(target + ": the checkpoint belongs to another scenario or spec file "
          + "content (" + f.identity() + "; this run: " + identity + ")");
    }
    if (!options.equals(f.options())) {
      throw new Invalid(target + ": the checkpoint was written with other options (" + f.options()
          + "; this run: " + options + ")");
    }
    if (f.counts() == null || f.found() == null || f.learned() == null
        || (f.search() == null) == (f.frontier() == null)) {
      throw new Invalid(target + ": incomplete checkpoint (a section is missing)");
    }
    return f;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  /** Lets Jackson close its generator without closing the channel before it is forced. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
