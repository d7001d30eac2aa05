package dev.mirrorcheck.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.RemoteWorkers;
import dev.mirrorcheck.sync.Harness;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * This JVM's Hazelcast member: the coordinator of a run ({@link #coordinator}) or one of its
 * workers ({@link #worker}). Members of one cluster share its name and find each other over TCP at
 * the addresses of the configuration; each says in its attributes what it is, its mirrorcheck
 * version and (a worker) how many workers it explores with.
 */
public final class ClusterMember implements AutoCloseable {
  static final String ROLE = "mirrorcheck.role";
  static final String WORKERS = "mirrorcheck.workers";
  static final String VERSION = "mirrorcheck.version";
  static final String COORDINATOR = "coordinator";
  static final String WORKER = "worker";
  /** Where a worker keeps its {@link MemberRuns} (Hazelcast's user context). */
  static final String RUNS = "mirrorcheck.runs";
  static final String RUN_MAP = "mirrorcheck-runs";
  static final String CONTROL = "mirrorcheck-control";
  static final String FOOTPRINTS = "mirrorcheck-footprints";
  static final String EXECUTOR = "mirrorcheck-leases";

  /**
   * Hazelcast's own logging is off (hazelcast.logging.type); this also quiets the warnings its
   * factory writes through java.util.logging before a configuration is read. Held: JUL keeps
   * loggers weakly.
   */
  private static final java.util.logging.Logger QUIET = quiet();

  final HazelcastInstance hz;
  final ClusterConfig config;
  final String version;
  final PrintWriter err;
  /** The coordinator's rounds under way, by board key (footprint messages go to them). */
  final ConcurrentHashMap<String, Coordinator.Round> rounds = new ConcurrentHashMap<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile String endedBecause;

  private ClusterMember(HazelcastInstance hz, ClusterConfig config, String version,
      PrintWriter err) {
    this.hz = hz;
    this.config = config;
    this.version = version;
    this.err = err;
  }

  /** Starts the coordinator's member: it serves leases, members run them. */
  public static ClusterMember coordinator(ClusterConfig config, String version, PrintWriter err) {
    ClusterMember m = new ClusterMember(start(config, version, COORDINATOR, 0, null), config,
        version, err);
    m.hz.getTopic(FOOTPRINTS).addMessageListener(msg -> {
      String text = (String) msg.getMessageObject();
      int nl = text.indexOf('\n');
      Coordinator.Round r = m.rounds.get(text.substring(0, nl));
      if (r != null) {
        r.board.publish(text.substring(nl + 1));
      }
    });
    for (Member present : m.hz.getCluster().getMembers()) {
      m.usable(present, true); // warns of a member of another version
    }
    m.hz.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        if (m.usable(e.getMember(), true)) {
          m.say("member " + m.describe(e.getMember()) + " joined");
          for (Coordinator.Round r : m.rounds.values()) {
            r.startSlots(e.getMember());
          }
        }
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        if (WORKER.equals(e.getMember().getAttribute(ROLE)) && !m.closing) {
          m.say("member " + m.describe(e.getMember()) + " left; its unfinished leases are "
              + "explored again here");
        }
      }
    });
    return m;
  }

  /**
   * Starts a worker's member with {@code workers} local workers; {@code harnesses} rebuilds the
   * harness a run names (from the spec text the coordinator ships).
   */
  public static ClusterMember worker(ClusterConfig config, String version, int workers,
      Function<HarnessRef, Harness> harnesses, PrintWriter err) {
    MemberRuns runs = new MemberRuns(harnesses, version, line -> {
      synchronized (err) {
        err.println("mirrorcheck worker: " + line);
        err.flush();
      }
    });
    ClusterMember m = new ClusterMember(start(config, version, WORKER, workers, runs), config,
        version, err);
    runs.attach(m.hz);
    m.hz.getTopic(CONTROL).addMessageListener(msg -> {
      String text = (String) msg.getMessageObject();
      if (text.equals("end")) {
        runs.stopAll();
        m.end("the coordinator ended the run");
      } else {
        runs.control(text);
      }
    });
    m.hz.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {}

      @Override
      public void memberRemoved(MembershipEvent e) {
        if (COORDINATOR.equals(e.getMember().getAttribute(ROLE))) {
          runs.stopAll();
          m.end("the coordinator left the cluster before the end of its run");
        }
      }
    });
    return m;
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("com.hazelcast");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  private static HazelcastInstance start(ClusterConfig cfg, String version, String role,
      int workers, MemberRuns runs) {
    QUIET.fine("starting a " + role + " of " + cfg.name);
    Config c = new Config();
    c.setClusterName(cfg.name);
    c.setProperty("hazelcast.logging.type", "none");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    // a member killed mid-run is noticed within seconds, not the default minute
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    // a handful of small maps: fewer partitions make joining and leaving cheaper
    c.setProperty("hazelcast.partition.count", "31");
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(cfg.port).setPortAutoIncrement(true).setPortCount(20);
    if (cfg.address != null) {
      c.setProperty("hazelcast.socket.bind.any", "false");
      net.getInterfaces().setEnabled(true).addInterface(cfg.address);
    }
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(cfg.members));
    c.getMemberAttributeConfig().setAttribute(ROLE, role).setAttribute(VERSION, version)
        .setAttribute(WORKERS, Integer.toString(workers));
    c.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(16, 2 * workers));
    if (runs != null) {
      ConcurrentHashMap<String, Object> context = new ConcurrentHashMap<>();
      context.put(RUNS, runs);
      c.setUserContext(context);
    }
    try {
      return Hazelcast.newHazelcastInstance(c);
    } catch (HazelcastException | IllegalStateException e) {
      throw new ClusterConfig.Invalid(cfg.file + ": cannot start a member of cluster " + cfg.name
          + " (" + oneLine(e.getMessage()) + ")");
    }
  }

  /** This member's address, host:port. */
  public String address() {
    return hostPort(hz.getCluster().getLocalMember());
  }

  /** The workers of the cluster that the coordinator can use, by member. */
  public List<Member> workerMembers() {
    List<Member> out = new ArrayList<>();
    for (Member m : hz.getCluster().getMembers()) {
      if (usable(m, false)) {
        out.add(m);
      }
    }
    return out;
  }

  /** How many workers the usable members have in all. */
  public int remoteWorkers() {
    int n = 0;
    for (Member m : workerMembers()) {
      n += workersOf(m);
    }
    return n;
  }

  /** Waits up to {@code seconds} until {@code n} workers' members have joined; how many did. */
  public int awaitWorkers(int n, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (workerMembers().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return workerMembers().size();
  }

  /** The coordinator's remote workers for one exploration of {@code ref}. */
  public RemoteWorkers exploration(HarnessRef ref) {
    return new Coordinator(this, ref);
  }

  /** A worker: waits until the coordinator ends its run (or leaves); says why. */
  public String awaitEnd() throws InterruptedException {
    ended.await();
    return endedBecause;
  }

  private void end(String why) {
    if (endedBecause == null) {
      endedBecause = why;
    }
    ended.countDown();
  }

  /** Whether the coordinator may give leases to {@code m}: a worker of this version. */
  boolean usable(Member m, boolean warn) {
    if (m.localMember() || !WORKER.equals(m.getAttribute(ROLE))) {
      return false;
    }
    if (!version.equals(m.getAttribute(VERSION))) {
      if (warn) {
        say("member " + hostPort(m) + " runs mirrorcheck " + m.getAttribute(VERSION) + ", this "
            + "coordinator " + version + ": it is left out (members run the same version)");
      }
      return false;
    }
    return true;
  }

  static int workersOf(Member m) {
    try {
      return Math.max(1, Integer.parseInt(m.getAttribute(WORKERS)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  String describe(Member m) {
    int w = workersOf(m);
    return hostPort(m) + " (" + w + " worker" + (w == 1 ? "" : "s") + ")";
  }

  static String hostPort(Member m) {
    return m.getAddress().getHost() + ":" + m.getAddress().getPort();
  }

  void say(String line) {
    synchronized (err) {
      err.println("mirrorcheck: cluster " + config.name + ": " + line);
      err.flush();
    }
  }

  /** The coordinator tells its workers the run is over, then leaves; a worker just leaves. */
  @Override
  public void close() {
    try {
      closing = true;
      if (COORDINATOR.equals(hz.getCluster().getLocalMember().getAttribute(ROLE))) {
        hz.getTopic(CONTROL).publish("end");
        // they leave on "end": waiting for it lets them tell an end from a coordinator's crash
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!workerMembers().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // nothing in the cluster's maps outlives the run: no graceful hand-over of partitions
      hz.getLifecycleService().terminate();
    }
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
