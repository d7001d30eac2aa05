package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.RefArray;
import java.util.Arrays;

/** Shared arrays under the explorer: each element is its own {@link Location}. */
final class XArrays {
  private XArrays() {}

  /**
   * The elements' locations, made at their first access: most elements of a world's arrays are never
   * touched in an execution, and each is built again in every execution. Ids are fixed up front.
   */
  private static final class Elements {
    private final Execution ex;
    private final String name;
    private final int firstId;
    private final Location[] locs;

    Elements(Execution ex, String name, int firstId, int length) {
      this.ex = ex;
      this.name = name;
      this.firstId = firstId;
      this.locs = new Location[length];
    }

    Location get(int i) {
      Location l = locs[i];
      if (l == null) {
        l = new Location(ex, name + "[" + i + "]", firstId + i);
        locs[i] = l;
      }
      return l;
    }
  }

  static final class XIntArray implements IntArray {
    private final Execution ex;
    private final String name;
    private final int[] values;
    private final Elements locs;

    XIntArray(Execution ex, String name, int firstId, int length, int initial) {
      this.ex = ex;
      this.name = name;
      this.values = new int[length];
      Arrays.fill(values, initial);
      this.locs = new Elements(ex, name, firstId, length);
    }

    @Override public String name() { return name; }
    @Override public int length() { return values.length; }

    @Override
    public int get(String label, int i) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.READ, l, label);
      if (t != null) {
        ex.read(t, l);
        if (ex.logging) ex.log(l, "read", values[i]);
      }
      return ex.seen(values[i]);
    }

    @Override
    public void set(String label, int i, int v) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.WRITE, l, label);
      if (t != null) {
        ex.write(t, l);
        if (ex.logging) ex.log(l, "write", v);
      }
      values[i] = v;
    }

    @Override
    public int getAndAdd(String label, int i, int delta) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.WRITE, l, label);
      int old = values[i];
      if (t != null) {
        ex.readModifyWrite(t, l);
        if (ex.logging) ex.log(l, "add " + delta, old + delta);
      }
      values[i] = old + delta;
      return ex.seen(old);
    }

    @Override
    public boolean compareAndSet(String label, int i, int expected, int v) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.WRITE, l, label);
      boolean ok = values[i] == expected;
      if (t != null) {
        ex.compareAndSet(t, l, ok);
        if (ex.logging) ex.log(l, "cmpxchg " + expected, ok ? v : "failed, saw " + values[i]);
      }
      if (ok) {
        values[i] = v;
      }
      return ex.seen(ok);
    }

    @Override
    public int peek(int i) {
      locs.get(i).peeked();
      return ex.seen(values[i]);
    }

    @Override
    public void poke(int i, int v) {
      locs.get(i).poked();
      values[i] = v;
    }

    @Override
    public String toString() {
      return name + "=" + Arrays.toString(values);
    }
  }

  static final class XRefArray<T> implements RefArray<T> {
    private final Execution ex;
    private final String name;
    private final Object[] values;
    private final Elements locs;

    XRefArray(Execution ex, String name, int firstId, int length, T initial) {
      this.ex = ex;
      this.name = name;
      this.values = new Object[length];
      Arrays.fill(values, initial);
      this.locs = new Elements(ex, name, firstId, length);
    }

    @Override public String name() { return name; }
    @Override public int length() { return values.length; }

    @SuppressWarnings("unchecked")
    private T at(int i) {
      return (T) values[i];
    }

    @Override
    public T get(String label, int i) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.READ, l, label);
      if (t != null) {
        ex.read(t, l);
        if (ex.logging) ex.log(l, "read", values[i]);
      }
      return ex.seen(at(i));
    }

    @Override
    public void set(String label, int i, T v) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.WRITE, l, label);
      if (t != null) {
        ex.write(t, l);
        if (ex.logging) ex.log(l, "write", v);
      }
      values[i] = v;
    }

    @Override
    public boolean compareAndSet(String label, int i, T expected, T v) {
      Location l = locs.get(i);
      XActor t = ex.enterOp(Pending.WRITE, l, label);
      boolean ok = values[i] == expected;
      if (t != null) {
        ex.compareAndSet(t, l, ok);
        if (ex.logging) ex.log(l, "cmpxchg " + expected, ok ? v : "failed, saw " + values[i]);
      }
      if (ok) {
        values[i] = v;
      }
      return ex.seen(ok);
    }

    @Override
    public T peek(int i) {
      locs.get(i).peeked();
      return ex.seen(at(i));
    }

    @Override
    public void poke(int i, T v) {
      locs.get(i).poked();
      values[i] = v;
    }

    @Override
    public String toString() {
      return name + "=" + Arrays.toString(values);
    }
  }
}
