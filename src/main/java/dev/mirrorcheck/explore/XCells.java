package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.RefCell;

/** Shared cells under the explorer: every access is a step on one {@link Location}. */
final class XCells {
  private XCells() {}

  static final class XInt extends Location implements IntCell {
    private int value;

    XInt(Execution ex, String name, int id, int initial) {
      super(ex, name, id);
      value = initial;
    }

    @Override public String name() { return name; }

    @Override
    public int get(String label) {
      XActor t = ex.enterOp(Pending.READ, this, label);
      if (t != null) {
        ex.read(t, this);
        if (ex.logging) ex.log(this, "read", value);
      }
      return ex.seen(value);
    }

    @Override
    public void set(String label, int v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      if (t != null) {
        ex.write(t, this);
        if (ex.logging) ex.log(this, "write", v);
      }
      value = v;
    }

    @Override
    public int getAndAdd(String label, int delta) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      int old = value;
      if (t != null) {
        ex.readModifyWrite(t, this);
        if (ex.logging) ex.log(this, "add " + delta, old + delta);
      }
      value = old + delta;
      return ex.seen(old);
    }

    @Override
    public boolean compareAndSet(String label, int expected, int v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      boolean ok = value == expected;
      if (t != null) {
        ex.compareAndSet(t, this, ok);
        if (ex.logging) ex.log(this, "cmpxchg " + expected, ok ? v : "failed, saw " + value);
      }
      if (ok) {
        value = v;
      }
      return ex.seen(ok);
    }

    @Override
    public int peek() {
      peeked();
      return ex.seen(value);
    }

    @Override
    public void poke(int v) {
      poked();
      value = v;
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }

  static final class XLong extends Location implements LongCell {
    private long value;

    XLong(Execution ex, String name, int id, long initial) {
      super(ex, name, id);
      value = initial;
    }

    @Override public String name() { return name; }

    @Override
    public long get(String label) {
      XActor t = ex.enterOp(Pending.READ, this, label);
      if (t != null) {
        ex.read(t, this);
        if (ex.logging) ex.log(this, "read", value);
      }
      return ex.seen(value);
    }

    @Override
    public void set(String label, long v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      if (t != null) {
        ex.write(t, this);
        if (ex.logging) ex.log(this, "write", v);
      }
      value = v;
    }

    @Override
    public long getAndAdd(String label, long delta) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      long old = value;
      if (t != null) {
        ex.readModifyWrite(t, this);
        if (ex.logging) ex.log(this, "add " + delta, old + delta);
      }
      value = old + delta;
      return ex.seen(old);
    }

    @Override
    public boolean compareAndSet(String label, long expected, long v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      boolean ok = value == expected;
      if (t != null) {
        ex.compareAndSet(t, this, ok);
        if (ex.logging) ex.log(this, "cmpxchg " + expected, ok ? v : "failed, saw " + value);
      }
      if (ok) {
        value = v;
      }
      return ex.seen(ok);
    }

    @Override
    public long peek() {
      peeked();
      return ex.seen(value);
    }

    @Override
    public void poke(long v) {
      poked();
      value = v;
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }

  static final class XBool extends Location implements BoolCell {
    private boolean value;

    XBool(Execution ex, String name, int id, boolean initial) {
      super(ex, name, id);
      value = initial;
    }

    @Override public String name() { return name; }

    @Override
    public boolean get(String label) {
      XActor t = ex.enterOp(Pending.READ, this, label);
      if (t != null) {
        ex.read(t, this);
        if (ex.logging) ex.log(this, "read", value);
      }
      return ex.seen(value);
    }

    @Override
    public void set(String label, boolean v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      if (t != null) {
        ex.write(t, this);
        if (ex.logging) ex.log(this, "write", v);
      }
      value = v;
    }

    @Override
    public boolean getAndSet(String label, boolean v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      boolean old = value;
      if (t != null) {
        ex.readModifyWrite(t, this);
        if (ex.logging) ex.log(this, "xchg", v + " (was " + old + ")");
      }
      value = v;
      return ex.seen(old);
    }

    @Override
    public boolean peek() {
      peeked();
      return ex.seen(value);
    }

    @Override
    public void poke(boolean v) {
      poked();
      value = v;
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }

  static final class XRef<T> extends Location implements RefCell<T> {
    private T value;

    XRef(Execution ex, String name, int id, T initial) {
      super(ex, name, id);
      value = initial;
    }

    @Override public String name() { return name; }

    @Override
    public T get(String label) {
      XActor t = ex.enterOp(Pending.READ, this, label);
      if (t != null) {
        ex.read(t, this);
        if (ex.logging) ex.log(this, "read", value);
      }
      return ex.seen(value);
    }

    @Override
    public void set(String label, T v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      if (t != null) {
        ex.write(t, this);
        if (ex.logging) ex.log(this, "write", v);
      }
      value = v;
    }

    @Override
    public T getAndSet(String label, T v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      T old = value;
      if (t != null) {
        ex.readModifyWrite(t, this);
        if (ex.logging) ex.log(this, "xchg", v + " (was " + old + ")");
      }
      value = v;
      return ex.seen(old);
    }

    @Override
    public boolean compareAndSet(String label, T expected, T v) {
      XActor t = ex.enterOp(Pending.WRITE, this, label);
      boolean ok = value == expected;
      if (t != null) {
        ex.compareAndSet(t, this, ok);
        if (ex.logging) ex.log(this, "cmpxchg " + expected, ok ? v : "failed, saw " + value);
      }
      if (ok) {
        value = v;
      }
      return ex.seen(ok);
    }

    @Override
    public T peek() {
      peeked();
      return ex.seen(value);
    }

    @Override
    public void poke(T v) {
      poked();
      value = v;
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }
}
