package dev.mirrorcheck.benchmarks;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;

/**
 * One benchmark at one size: its harness and its number of Mazurkiewicz traces (executions an optimal
 * reduction explores). With {@code planted}, the harness also carries an end check that fails in
 * exactly one of those traces, which every reduction must still find.
 */
public record Benchmark(String name, int size, long traces, Harness harness) {

  /** The property id of the planted end check. */
  public static final String PLANTED = "planted";

  /** The benchmark names, in the order {@code bench} prints them. */
  public static final String[] NAMES = {"lastzero", "readers", "indexer", "filesystem", "philosophers"};

  /** {@code name} at {@code size}; {@code planted} adds the one-trace end check. */
  public static Benchmark of(String name, int size, boolean planted) {
    switch (name) {
      case "lastzero":
        return new Benchmark(name, size, (size + 3L) << (size - 2), lastzero(size, planted));
      case "readers":
        return new Benchmark(name, size, 1L << size, readers(size, planted));
      case "indexer":
        return new Benchmark(name, size, 1L << (3 * Math.max(0, size - 11)), indexer(size, planted));
      case "filesystem":
        return new Benchmark(name, size, 1L << Math.max(0, size - 13), filesystem(size, planted));
      case "philosophers":
        return new Benchmark(name, size, (1L << size) - 2, philosophers(size, planted));
      default:
        throw new IllegalArgumentException("unknown benchmark " + name);
    }
  }

  /**
   * lastzero(N): {@code array[0..N]} starts zeroed; a reader scans down from {@code N} for the last
   * zero while writer {@code j} sets {@code array[j] = array[j - 1] + 1}. (N + 3) * 2^(N - 2) traces.
   * Planted: the reader stops at index 0 with every writer done before it (the one trace where it reads
   * each element after its write).
   */
  static Harness lastzero(int n, boolean planted) {
    return w -> {
      Sync s = w.sync();
      IntArray a = s.newIntArray("array", n + 1, 0);
      IntCell found = s.newInt("found", -1);
      w.actor("reader", () -> {
        int i = n;
        while (a.get("reader:read", i) != 0) {
          i--;
        }
        found.poke(i);
      });
      for (int j = 1; j <= n; j++) {
        int k = j;
        w.actor("writer" + j, () -> a.set("writer:write", k, a.get("writer:read", k - 1) + 1));
      }
      if (planted) {
        w.atEnd(PLANTED, () -> found.peek() == 0 && a.peek(n) == n ? "reader found index 0" : null);
      }
      w.finalState(() -> "found=" + found.peek());
    };
  }

  /** readers(N): one writer sets x, N readers read it: 2^N traces. Planted: every read sees 0. */
  static Harness readers(int n, boolean planted) {
    return w -> {
      Sync s = w.sync();
      IntCell x = s.newInt("x", 0);
      IntArray seen = s.newIntArray("seen", n, -1);
      w.actor("writer", () -> x.set("writer:write", 1));
      for (int j = 0; j < n; j++) {
        int k = j;
        w.actor("reader" + j, () -> seen.poke(k, x.get("reader:read")));
      }
      if (planted) {
        w.atEnd(PLANTED, () -> {
          for (int j = 0; j < n; j++) {
            if (seen.peek(j) != 0) {
              return null;
            }
          }
          return "every reader ran before the write";
        });
      }
    };
  }

  /**
   * indexer(N): N threads each insert four messages {@code 11 * m + tid} into a 128-slot hash table with
   * compare-and-set at {@code 7 * w mod 128}, probing linearly on a collision. Threads {@code t} and
   * {@code t + 11} collide on three messages: 8^(N - 11) traces from N = 11 on. Planted: the lower
   * thread of every colliding pair lost all three collisions.
   */
  static Harness indexer(int n, boolean planted) {
    int size = 128;
    return w -> {
      Sync s = w.sync();
      IntArray table = s.newIntArray("table", size, 0);
      IntArray lost = s.newIntArray("lost", n, 0);
      for (int t = 0; t < n; t++) {
        int tid = t;
        w.actor("thread" + t, () -> {
          for (int m = 1; m <= 4; m++) {
            int msg = 11 * m + tid;
            int h = (msg * 7) % size;
            while (!table.compareAndSet("thread:cas", h, 0, msg)) {
              lost.poke(tid, lost.peek(tid) + 1);
              h = (h + 1) % size;
            }
          }
        });
      }
      if (planted) {
        w.atEnd(PLANTED, () -> {
          for (int t = 0; t + 11 < n; t++) {
            if (lost.peek(t) != 3) {
              return null;
            }
          }
          return "every lower thread lost its collisions";
        });
      }
    };
  }

  /**
   * filesystem(N): N threads each allocate a block for their inode under the inode's lock, trying
   * blocks from {@code 2 * i mod 26} under each block's lock. Threads i and i + 13 start at the same
   * block: 2^(N - 13) traces from N = 13 on. Planted: the lower thread of every such pair lost.
   */
  static Harness filesystem(int n, boolean planted) {
    int inodes = 32;
    int blocks = 26;
    return w -> {
      Sync s = w.sync();
      IntArray inode = s.newIntArray("inode", inodes, 0);
      IntArray busy = s.newIntArray("busy", blocks, 0);
      Mutex[] inodeLock = new Mutex[inodes];
      Mutex[] blockLock = new Mutex[blocks];
      for (int i = 0; i < inodes; i++) {
        inodeLock[i] = s.newMutex("locki" + i);
      }
      for (int b = 0; b < blocks; b++) {
        blockLock[b] = s.newMutex("lockb" + b);
      }
      for (int t = 0; t < n; t++) {
        int i = t % inodes;
        w.actor("thread" + t, () -> {
          inodeLock[i].lock("thread:lock_inode");
          if (inode.get("thread:read_inode", i) == 0) {
            int b = (i * 2) % blocks;
            while (true) {
              blockLock[b].lock("thread:lock_block");
              if (busy.get("thread:read_busy", b) == 0) {
                busy.set("thread:set_busy", b, 1);
                inode.set("thread:set_inode", i, b + 1);
                blockLock[b].unlock("thread:unlock_block");
                break;
              }
              blockLock[b].unlock("thread:unlock_block");
              b = (b + 1) % blocks;
            }
          }
          inodeLock[i].unlock("thread:unlock_inode");
        });
      }
      if (planted) {
        w.atEnd(PLANTED, () -> {
          for (int t = 0; t + 13 < n; t++) {
            if (inode.peek(t) != 2 * t + 2) {
              return null;
            }
          }
          return "every lower thread lost its block";
        });
      }
    };
  }

  /**
   * Dining philosophers with ordered forks: philosopher i eats with forks i and (i + 1) mod N, taking
   * the lower-numbered first, so none deadlocks; each fork's two users take it in either order unless
   * that closes a cycle: 2^N - 2 traces. Planted: philosopher 0 takes both its forks first, and every
   * other fork goes first to its lower-numbered user (one acyclic orientation).
   */
  static Harness philosophers(int n, boolean planted) {
    return w -> {
      Sync s = w.sync();
      Mutex[] fork = new Mutex[n];
      for (int i = 0; i < n; i++) {
        fork[i] = s.newMutex("fork" + i);
      }
      IntArray uses = s.newIntArray("uses", n, 0);
      IntArray second = s.newIntArray("second", 2 * n, 0); // ghost: came second to fork i, (i+1)
      for (int p = 0; p < n; p++) {
        int i = p;
        int right = (i + 1) % n;
        int lo = Math.min(i, right);
        int hi = Math.max(i, right);
        w.actor("philosopher" + p, () -> {
          fork[lo].lock("philosopher:take_first");
          fork[hi].lock("philosopher:take_second");
          int left = uses.get("philosopher:eat", i);
          uses.set("philosopher:eat", i, left + 1);
          int r = uses.get("philosopher:eat", right);
          uses.set("philosopher:eat", right, r + 1);
          second.poke(2 * i, left);
          second.poke(2 * i + 1, r);
          fork[hi].unlock("philosopher:put_second");
          fork[lo].unlock("philosopher:put_first");
        });
      }
      if (planted) {
        w.atEnd(PLANTED, () -> {
          if (second.peek(0) != 0) {
            return null;
          }
          for (int f = 1; f < n; f++) {
            if (second.peek(2 * (f - 1) + 1) != 0) {
              return null;
            }
          }
          return "the forks went round in order";
        });
      }
    };
  }
}
