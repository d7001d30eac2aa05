package dev.mirrorcheck.sync;

/**
 * Shared cells of the native runtime. Actors touch them only while holding the baton, so no atomics
 * are needed: values are {@code volatile} (array elements are read under the scheduler's monitor) for
 * free threads, and read-modify-write operations hold the monitor. Each operation is a scheduling
 * point; each write marks the step as one that changed state.
 */
final class NativeCells {
  private NativeCells() {}

  static final class Int implements IntCell {
    private final NativeScheduler s;
    private final String name;
    private volatile int value;

    Int(NativeScheduler s, String name, int initial) {
      this.s = s;
      this.name = name;
      this.value = initial;
    }

    @Override public String name() { return name; }
    @Override public int peek() { return value; }
    @Override public String toString() { return name + "=" + value; }

    @Override
    public int get(String label) {
      s.point();
      return value;
    }

    @Override
    public void set(String label, int v) {
      s.point();
      store(v);
    }

    @Override
    public int getAndAdd(String label, int delta) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        int old = value;
        store(old + delta);
        return old;
      }
    }

    @Override
    public boolean compareAndSet(String label, int expected, int v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        if (value != expected) {
          return false;
        }
        store(v);
        return true;
      }
    }

    @Override
    public void poke(int v) {
      s.beforePoke();
      store(v);
    }

    private void store(int v) {
      value = v;
      s.changed();
    }
  }

  static final class Long implements LongCell {
    private final NativeScheduler s;
    private final String name;
    private volatile long value;

    Long(NativeScheduler s, String name, long initial) {
      this.s = s;
      this.name = name;
      this.value = initial;
    }

    @Override public String name() { return name; }
    @Override public long peek() { return value; }
    @Override public String toString() { return name + "=" + value; }

    @Override
    public long get(String label) {
      s.point();
      return value;
    }

    @Override
    public void set(String label, long v) {
      s.point();
      store(v);
    }

    @Override
    public long getAndAdd(String label, long delta) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        long old = value;
        store(old + delta);
        return old;
      }
    }

    @Override
    public boolean compareAndSet(String label, long expected, long v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        if (value != expected) {
          return false;
        }
        store(v);
        return true;
      }
    }

    @Override
    public void poke(long v) {
      s.beforePoke();
      store(v);
    }

    private void store(long v) {
      value = v;
      s.changed();
    }
  }

  static final class Bool implements BoolCell {
    private final NativeScheduler s;
    private final String name;
    private volatile boolean value;

    Bool(NativeScheduler s, String name, boolean initial) {
      this.s = s;
      this.name = name;
      this.value = initial;
    }

    @Override public String name() { return name; }
    @Override public boolean peek() { return value; }
    @Override public String toString() { return name + "=" + value; }

    @Override
    public boolean get(String label) {
      s.point();
      return value;
    }

    @Override
    public void set(String label, boolean v) {
      s.point();
      store(v);
    }

    @Override
    public boolean getAndSet(String label, boolean v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        boolean old = value;
        store(v);
        return old;
      }
    }

    @Override
    public void poke(boolean v) {
      s.beforePoke();
      store(v);
    }

    private void store(boolean v) {
      value = v;
      s.changed();
    }
  }

  static final class Ref<T> implements RefCell<T> {
    private final NativeScheduler s;
    private final String name;
    private volatile T value;

    Ref(NativeScheduler s, String name, T initial) {
      this.s = s;
      this.name = name;
      this.value = initial;
    }

    @Override public String name() { return name; }
    @Override public T peek() { return value; }
    @Override public String toString() { return name + "=" + value; }

    @Override
    public T get(String label) {
      s.point();
      return value;
    }

    @Override
    public void set(String label, T v) {
      s.point();
      store(v);
    }

    @Override
    public T getAndSet(String label, T v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        T old = value;
        store(v);
        return old;
      }
    }

    @Override
    public boolean compareAndSet(String label, T expected, T v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        if (value != expected) {
          return false;
        }
        store(v);
        return true;
      }
    }

    @Override
    public void poke(T v) {
      s.beforePoke();
      store(v);
    }

    private void store(T v) {
      value = v;
      s.changed();
    }
  }

  static final class Ints implements IntArray {
    private final NativeScheduler s;
    private final String name;
    private final int[] values;

    Ints(NativeScheduler s, String name, int length, int initial) {
      this.s = s;
      this.name = name;
      this.values = new int[length];
      for (int i = 0; i < length; i++) {
        values[i] = initial;
      }
    }

    @Override public String name() { return name; }
    @Override public int length() { return values.length; }
    @Override
    public int peek(int i) {
      synchronized (s.lock) {
        return values[i];
      }
    }

    @Override
    public int get(String label, int i) {
      s.point();
      return peek(i);
    }

    @Override
    public void set(String label, int i, int v) {
      s.point();
      store(i, v);
    }

    @Override
    public int getAndAdd(String label, int i, int delta) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        int old = values[i];
        store(i, old + delta);
        return old;
      }
    }

    @Override
    public boolean compareAndSet(String label, int i, int expected, int v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        if (values[i] != expected) {
          return false;
        }
        store(i, v);
        return true;
      }
    }

    @Override
    public void poke(int i, int v) {
      s.beforePoke();
      store(i, v);
    }

    private void store(int i, int v) {
      synchronized (s.lock) {
        values[i] = v;
      }
      s.changed();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(name).append("=[");
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(values[i]);
      }
      return sb.append(']').toString();
    }
  }

  static final class Refs<T> implements RefArray<T> {
    private final NativeScheduler s;
    private final String name;
    private final Object[] values;

    Refs(NativeScheduler s, String name, int length, T initial) {
      this.s = s;
      this.name = name;
      this.values = new Object[length];
      for (int i = 0; i < length; i++) {
        values[i] = initial;
      }
    }

    @Override public String name() { return name; }
    @Override public int length() { return values.length; }

    @SuppressWarnings("unchecked")
    @Override
    public T peek(int i) {
      synchronized (s.lock) {
        return (T) values[i];
      }
    }

    @Override
    public T get(String label, int i) {
      s.point();
      return peek(i);
    }

    @Override
    public void set(String label, int i, T v) {
      s.point();
      store(i, v);
    }

    @Override
    public boolean compareAndSet(String label, int i, T expected, T v) {
      NativeActor me = s.point();
      synchronized (s.guard(me)) {
        if (values[i] != expected) {
          return false;
        }
        store(i, v);
        return true;
      }
    }

    @Override
    public void poke(int i, T v) {
      s.beforePoke();
      store(i, v);
    }

    private void store(int i, T v) {
      synchronized (s.lock) {
        values[i] = v;
      }
      s.changed();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(name).append("=[");
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(values[i]);
      }
      return sb.append(']').toString();
    }
  }
}
