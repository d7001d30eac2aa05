package dev.mirrorcheck.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.mirrorcheck.explore.Board;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.RemoteWorkers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The coordinator's side of one exploration: the run (harness reference with the spec text, and
 * the options) goes into a cluster map for the members, and each round of the search gets one
 * slot thread per worker of every member of this version, which sends leases to its member and
 * commits their outcomes, or, when the member leaves, hands its lease to a local worker.
 */
final class Coordinator implements RemoteWorkers {
  static final ObjectMapper JSON = new ObjectMapper();

  /** What a member needs to rebuild the harness and its options. */
  record Run(String version, String kind, Map<String, String> params, String options) {}

  private final ClusterMember member;
  private final HarnessRef ref;
  private final String runId = UUID.randomUUID().toString();
  private int rounds;
  private boolean published;

  Coordinator(ClusterMember member, HarnessRef ref) {
    this.member = member;
    this.ref = ref;
  }

  @Override
  public void serve(Board board) {
    if (!published) {
      try {
        member.hz.getMap(ClusterMember.RUN_MAP).put(runId, JSON.writeValueAsString(
            new Run(member.version, ref.kind(), ref.params(), board.options())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode the run", e);
      }
      published = true;
    }
    Round r = new Round(runId + "/" + rounds++, board);
    member.rounds.put(r.key, r);
    for (Member m : member.workerMembers()) {
      r.startSlots(m);
    }
    r.hunger.start();
  }

  @Override
  public void roundOver(Board board) {
    Round r = null;
    for (Round x : member.rounds.values()) {
      if (x.board == board) {
        r = x;
      }
    }
    if (r != null) {
      r.finish();
      member.rounds.remove(r.key);
    }
  }

  /** One round: its board, its slot threads, the thread that tells members when work is wanted. */
  final class Round {
    final String key;
    final Board board;
    private final List<Thread> slots = new ArrayList<>();
    private final java.util.Set<java.util.UUID> served = new java.util.HashSet<>();
    private volatile boolean over;
    final Thread hunger;

    Round(String key, Board board) {
      this.key = key;
      this.board = board;
      this.hunger = new Thread(this::tellHunger, "mirrorcheck-cluster-hunger");
      hunger.setDaemon(true);
    }

    /** One slot thread per worker of member {@code m} (once, however often it is announced). */
    synchronized void startSlots(Member m) {
      if (over || !served.add(m.getUuid())) {
        return;
      }
      for (int i = 0; i < ClusterMember.workersOf(m); i++) {
        int index = i;
        Thread t = new Thread(() -> serveSlot(m, index), "mirrorcheck-slot-"
            + ClusterMember.hostPort(m) + "-" + i);
        t.setDaemon(true);
        slots.add(t);
        t.start();
      }
    }

    private void serveSlot(Member m, int index) {
      Board.Slot slot = board.join();
      if (slot == null) {
        return;
      }
      IExecutorService exec = member.hz.getExecutorService(ClusterMember.EXECUTOR);
      while (true) {
        String lease = slot.take();
        if (lease == null) {
          return;
        }
        String outcome;
        try {
          if (!member.hz.getCluster().getMembers().contains(m)) {
            throw new ExecutionException(new MemberLeftException(m));
          }
          Future<String> f = exec.submitToMember(new LeaseTask(key, runId, index, lease), m);
          outcome = f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          slot.memberLeft();
          return;
        } catch (ExecutionException | RuntimeException e) {
          Throwable cause = e instanceof ExecutionException && e.getCause() != null
              ? e.getCause() : e;
          boolean gone = memberGone(cause) || !member.hz.getCluster().getMembers().contains(m);
          if (!gone) {
            board.fail(new IllegalStateException("member " + ClusterMember.hostPort(m) + ": "
                + ClusterMember.oneLine(String.valueOf(cause)), cause));
          } else if (!board.stopped()) {
            member.say("a lease of member " + ClusterMember.hostPort(m) + " is explored again "
                + "here, from its start (its outcome never arrived)");
          }
          slot.memberLeft();
          return;
        }
        slot.commit(outcome);
      }
    }

    /** Tells the members, every few milliseconds while it lasts, that a worker waits for work. */
    private void tellHunger() {
      while (!over && !board.stopped()) {
        if (board.hungry()) {
          member.hz.getTopic(ClusterMember.CONTROL).publish("hungry " + key);
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Stops the members' leases of this round and waits for the slot threads. */
    void finish() {
      List<Thread> all;
      synchronized (this) {
        over = true;
        all = new ArrayList<>(slots);
      }
      member.hz.getTopic(ClusterMember.CONTROL).publish("stop " + key);
      hunger.interrupt();
      for (Thread t : all) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static boolean memberGone(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MemberLeftException || c instanceof TargetNotMemberException
          || c instanceof TargetDisconnectedException
          || c instanceof HazelcastInstanceNotActiveException) {
        return true;
      }
    }
    return false;
  }
}
