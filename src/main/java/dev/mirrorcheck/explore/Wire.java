package dev.mirrorcheck.explore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What travels between a cluster's coordinator and its members, as JSON text: the options of an
 * exploration, leases (a branch of a split node, with the chain of nodes above it), the footprint
 * of a lease's first step, and a lease's outcome. Members run the same mirrorcheck version.
 */
final class Wire {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Wire() {}

  /** The options a member explores with (the coordinator alone watches the clock). */
  record Options(int maxSteps, boolean stopAtFirst, List<String> stopOn, int maxActors,
      String threads, boolean collectFinalStates, boolean reduce, String symmetry,
      boolean symmetryHistories) {
    static Options of(ExplorerOptions o) {
      return new Options(o.maxSteps(), o.stopAtFirst(), List.copyOf(o.stopOn()), o.maxActors(),
          o.threads().name(), o.collectFinalStates(), o.reduce(), o.symmetry().name(),
          o.symmetryHistories());
    }

    ExplorerOptions toOptions() {
      return ExplorerOptions.builder().maxSteps(maxSteps).stopAtFirst(stopAtFirst).stopOn(stopOn)
          .maxActors(maxActors).threads(ExplorerOptions.Threads.valueOf(threads))
          .collectFinalStates(collectFinalStates).reduce(reduce)
          .symmetry(ExplorerOptions.SymmetryMode.valueOf(symmetry))
          .symmetryHistories(symmetryHistories).build();
    }
  }

  /** A split node above a lease's branch, as its taker saw it. */
  record ChainNode(int depth, byte kind, long enabled, int running, long signature, int choices,
      long sleep, int[][] sleepFootprint, int via, long doneAtVia) {}

  /**
   * Branch {@code branch} of the last node of {@code chain} (root first), taken after the
   * branches {@code doneThen}; the footprints of the branches taken before it at the scheduling
   * node its first new node inherits a sleep set from; the facts learnt so far.
   */
  record Lease(String id, List<ChainNode> chain, int branch, long doneThen, int[][] footprints,
      Checkpoint.LearnedFacts learned) {}

  /** The footprint of a lease's first step from its root, for later takers of the root's branches. */
  record Footprint(String lease, int depth, int actor, int[] footprint, boolean opaque) {}

  /** A worker's counters. */
  record Counters(long executions, long completed, long transitions, long newTransitions,
      int maxDepth, long boundHits, long sleepBlocked, long sleepPruned, long fallbacks,
      long boundPruned, long guideMisses, long guideWakes) {
    Statistics toStatistics() {
      return Statistics.builder().executions(executions).completed(completed)
          .transitions(transitions).newTransitions(newTransitions).maxDepth(maxDepth)
          .boundHits(boundHits).sleepBlocked(sleepBlocked).sleepPruned(sleepPruned)
          .fallbacks(fallbacks).boundPruned(boundPruned).guideMisses(guideMisses)
          .guideWakes(guideWakes).build();
    }

    static Counters of(Statistics s) {
      return new Counters(s.executions(), s.completed(), s.transitions(), s.newTransitions(),
          s.maxDepth(), s.boundHits(), s.sleepBlocked(), s.sleepPruned(), s.fallbacks(),
          s.boundPruned(), s.guideMisses(), s.guideWakes());
    }
  }

  /**
   * What a lease did: its counters and findings, the facts its search ended with, why it stopped
   * early ({@code stop}: a {@link WorkPool.Stop} name, or null), the additions and wakes it made
   * at the nodes above its root (see {@link Ledger}), and the nodes it handed back, or null.
   */
  record Outcome(String id, String stop, String restartReason, String incomplete,
      Counters counters, Checkpoint.Found found, Checkpoint.LearnedFacts learned,
      List<long[]> backtracks, List<int[]> wakes, List<Footprint> published,
      List<Checkpoint.Node> handedBack) {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(String text, Class<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + " of this mirrorcheck "
          + "version: " + e.getOriginalMessage(), e);
    }
  }
}
