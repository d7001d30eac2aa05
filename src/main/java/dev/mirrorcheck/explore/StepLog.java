package dev.mirrorcheck.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The per-step log of a replayed execution: who did what to which object, with which value. */
public final class StepLog {
  private StepLog() {}

  /** One access made by a step. */
  public static final class Access {
    private final String object;
    private final String operation;
    private final String value;

    Access(String object, String operation, String value) {
      this.object = object;
      this.operation = operation;
      this.value = value;
    }

    public String object() {
      return object;
    }

    public String operation() {
      return operation;
    }

    /** The value read or written, or {@code ""}. */
    public String value() {
      return value;
    }

    @Override
    public String toString() {
      return operation + " " + object + (value.isEmpty() ? "" : " = " + value);
    }
  }

  /** One step: an actor's operation at a scheduling point and everything it did until the next. */
  public static final class Step {
    private final int index;
    private final String actor;
    private final String label;
    private final List<Access> accesses = new ArrayList<>(2);

    Step(int index, String actor, String label) {
      this.index = index;
      this.actor = actor;
      this.label = label;
    }

    void addAccess(String object, String operation, Object value) {
      accesses.add(new Access(object, operation, value == null ? "" : Objects.toString(value)));
    }

    /** Step number, from 0. */
    public int index() {
      return index;
    }

    public String actor() {
      return actor;
    }

    /** The protocol label of the operation, e.g. {@code fault:read_retry}. */
    public String label() {
      return label;
    }

    public List<Access> accesses() {
      return Collections.unmodifiableList(accesses);
    }

    @Override
    public String toString() {
      return "#" + index + " " + actor + " " + label + " " + accesses;
    }
  }
}
