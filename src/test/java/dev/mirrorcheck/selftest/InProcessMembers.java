package dev.mirrorcheck.selftest;

import dev.mirrorcheck.explore.Board;
import dev.mirrorcheck.explore.LeaseRun;
import dev.mirrorcheck.explore.RemoteWorkers;
import dev.mirrorcheck.sync.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remote workers in this JVM: each slot thread takes leases as text and explores them with a
 * {@link LeaseRun}, as a cluster member would, and every {@code loseEvery}-th lease (0: none) is
 * lost with its member, whose slot then leaves (the lease is explored again by the coordinator).
 */
final class InProcessMembers implements RemoteWorkers {
  private final Harness harness;
  private final int slots;
  private final int loseEvery;
  private final List<Thread> threads = new ArrayList<>();
  private final Set<LeaseRun> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger leases = new AtomicInteger();
  final AtomicInteger lost = new AtomicInteger();
  final AtomicInteger committed = new AtomicInteger();

  InProcessMembers(Harness harness, int slots, int loseEvery) {
    this.harness = harness;
    this.slots = slots;
    this.loseEvery = loseEvery;
  }

  @Override
  public void serve(Board board) {
    threads.clear();
    for (int i = 0; i < slots; i++) {
      int index = i;
      Thread t = new Thread(() -> slot(board, index), "in-process-member-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void slot(Board board, int index) {
    Board.Slot slot = board.join();
    if (slot == null) {
      return;
    }
    while (true) {
      String lease = slot.take();
      if (lease == null) {
        return;
      }
      LeaseRun run = LeaseRun.of(harness, board.options(), lease, index, board::publish,
          board::hungry);
      running.add(run);
      String outcome = run.run();
      running.remove(run);
      if (loseEvery > 0 && leases.incrementAndGet() % loseEvery == 0) {
        lost.incrementAndGet();
        slot.memberLeft(); // its outcome never arrives
        return;
      }
      committed.incrementAndGet();
      slot.commit(outcome);
    }
  }

  @Override
  public void roundOver(Board board) {
    for (LeaseRun r : running) {
      r.stop();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
