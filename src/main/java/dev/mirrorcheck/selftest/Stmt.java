package dev.mirrorcheck.selftest;

import java.util.List;

/**
 * A statement of an actor. Shared-memory statements name a {@link Loc}; results go to one of the
 * actor's registers. Compound statements hold their bodies as immutable lists.
 */
public sealed interface Stmt {

  /** {@code r = loc.get()}. */
  record Get(Loc loc, int reg) implements Stmt {}

  /** {@code loc.set(value)}. */
  record Set(Loc loc, Expr value) implements Stmt {}

  /** {@code r = loc.getAndAdd(delta)}. */
  record Add(Loc loc, int delta, int reg) implements Stmt {}

  /** {@code r = loc.compareAndSet(expected, value) ? 1 : 0}. */
  record Cas(Loc loc, Expr expected, Expr value, int reg) implements Stmt {}

  /** {@code r = loc.getAndSet(value)}. */
  record Xchg(Loc loc, Expr value, int reg) implements Stmt {}

  /** {@code r = loc.peek()}: inside the current step, not a scheduling point. */
  record Peek(Loc loc, int reg) implements Stmt {}

  /** {@code loc.poke(value)}: inside the current step, not a scheduling point. */
  record Poke(Loc loc, Expr value) implements Stmt {}

  /** {@code lock(m); body; unlock(m)}. */
  record Locked(int mutex, List<Stmt> body) implements Stmt {
    public Locked {
      body = List.copyOf(body);
    }
  }

  /** {@code if (tryLock(m)) { body; unlock(m) } else { otherwise }}. */
  record TryLocked(int mutex, List<Stmt> body, List<Stmt> otherwise) implements Stmt {
    public TryLocked {
      body = List.copyOf(body);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** {@code down_read}/{@code down_write}, body, then the matching up. */
  record RwLocked(int sem, boolean write, List<Stmt> body) implements Stmt {
    public RwLocked {
      body = List.copyOf(body);
    }
  }

  /** {@code if (down_read_trylock / down_write_trylock) { body; up } else { otherwise }}. */
  record TryRwLocked(int sem, boolean write, List<Stmt> body, List<Stmt> otherwise) implements Stmt {
    public TryRwLocked {
      body = List.copyOf(body);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** {@code r = heldByCurrentActor() ? 1 : 0} for a mutex or (with {@code sem}) a semaphore. */
  record Held(boolean sem, int object, int reg) implements Stmt {}

  /** {@code atomic { body }}: one step; the body must not block. */
  record Atomic(List<Stmt> body) implements Stmt {
    public Atomic {
      body = List.copyOf(body);
    }
  }

  /** {@code waitUntil(condition)} on a wait queue; the condition reads shared locations. */
  record Wait(int queue, Cond condition) implements Stmt {}

  /** An unconditional sleep on a wait queue until the next wake-up. */
  record Sleep(int queue) implements Stmt {}

  /** {@code wakeAll} on a wait queue. */
  record Wake(int queue) implements Stmt {}

  /** {@code r = choose(n)}. */
  record Choose(int n, int reg) implements Stmt {}

  /** A branch on registers. */
  record If(Cond condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** A bounded retry loop: runs {@code body} up to {@code max} times, until {@code until} holds. */
  record Retry(int max, List<Stmt> body, Cond until) implements Stmt {
    public Retry {
      body = List.copyOf(body);
    }
  }

  /** {@code check(condition, property, ...)} over registers. */
  record Assert(String property, Cond condition) implements Stmt {}

  /** Starts a declared child actor. */
  record Spawn(int actor) implements Stmt {}

  /** Waits for a child actor to finish. */
  record Join(int actor) implements Stmt {}
}
