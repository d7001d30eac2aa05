package dev.mirrorcheck.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.LeaseRun;
import dev.mirrorcheck.sync.Harness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A worker's side: explores the leases the coordinator sends ({@link LeaseTask}) on the harness of
 * their run, rebuilt from the run the coordinator published (the spec text travels with it, so a
 * worker needs no copy of the files), and follows the coordinator's control messages: work wanted
 * (leases hand back what is left), a round over (its leases stop).
 */
final class MemberRuns {
  private final Function<HarnessRef, Harness> harnesses;
  private final String version;
  private HazelcastInstance hz;
  /** The harnesses of the last runs, by run id. */
  private final Map<String, Coordinator.Run> runs = new LinkedHashMap<>();
  private final Map<String, Harness> built = new LinkedHashMap<>();
  /** Per round: how many times the coordinator said a worker waits for work. */
  private final Map<String, AtomicLong> hunger = new ConcurrentHashMap<>();
  private final Map<String, Set<LeaseRun>> running = new ConcurrentHashMap<>();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();

  private final java.util.function.Consumer<String> say;

  MemberRuns(Function<HarnessRef, Harness> harnesses, String version,
      java.util.function.Consumer<String> say) {
    this.harnesses = harnesses;
    this.version = version;
    this.say = say;
  }

  void attach(HazelcastInstance hz) {
    this.hz = hz;
  }

  /** A control message: {@code hungry ROUND} or {@code stop ROUND}. */
  void control(String message) {
    int sp = message.indexOf(' ');
    if (sp < 0) {
      return;
    }
    String round = message.substring(sp + 1);
    if (message.startsWith("hungry ")) {
      hunger.computeIfAbsent(round, k -> new AtomicLong()).incrementAndGet();
    } else if (message.startsWith("stop ")) {
      stopped.add(round);
      hunger.remove(round);
      Set<LeaseRun> rs = running.get(round);
      if (rs != null) {
        for (LeaseRun r : rs) {
          r.stop();
        }
      }
    }
  }

  void stopAll() {
    for (String round : running.keySet()) {
      control("stop " + round);
    }
  }

  String run(String round, String runId, int index, String lease) {
    Coordinator.Run run = run(runId);
    Harness harness = harness(runId, run);
    AtomicLong wanted = hunger.computeIfAbsent(round, k -> new AtomicLong());
    long seen = wanted.get();
    ITopic<Object> footprints = hz.getTopic(ClusterMember.FOOTPRINTS);
    LeaseRun r = LeaseRun.of(harness, run.options(), lease, index,
        msg -> footprints.publish(round + "\n" + msg), () -> wanted.get() != seen);
    Set<LeaseRun> mine = running.computeIfAbsent(round, k -> ConcurrentHashMap.newKeySet());
    mine.add(r);
    try {
      if (stopped.contains(round)) {
        r.stop();
      }
      return r.run();
    } finally {
      mine.remove(r);
    }
  }

  private synchronized Coordinator.Run run(String runId) {
    Coordinator.Run run = runs.get(runId);
    if (run != null) {
      return run;
    }
    Object text = hz.getMap(ClusterMember.RUN_MAP).get(runId);
    if (text == null) {
      throw new IllegalStateException("run " + runId + " is unknown to this member");
    }
    try {
      run = Coordinator.JSON.readValue((String) text, Coordinator.Run.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run " + runId + " cannot be read: " + e.getMessage(), e);
    }
    if (!version.equals(run.version())) {
      throw new IllegalStateException("the coordinator runs mirrorcheck " + run.version()
          + ", this member " + version);
    }
    runs.put(runId, run);
    forgetOld(runs);
    String file = run.params().get("file");
    say.accept("exploring " + run.kind() + (file == null ? "" : " " + file)
        + " for the coordinator");
    return run;
  }

  private synchronized Harness harness(String runId, Coordinator.Run run) {
    Harness h = built.get(runId);
    if (h == null) {
      h = harnesses.apply(HarnessRef.of(run.kind(), run.params()));
      built.put(runId, h);
      forgetOld(built);
    }
    return h;
  }

  /** Keeps the last few runs: a check of a directory runs one exploration per spec. */
  private static void forgetOld(Map<String, ?> m) {
    while (m.size() > 4) {
      m.remove(m.keySet().iterator().next());
    }
  }
}
