package dev.mirrorcheck.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * One decision of a schedule: which actor ran at a scheduling point, or which value a {@code choose}
 * returned. A list of decisions replays an execution exactly.
 */
public final class Decision {
  private final int actor; // -1 for a choice
  private final String actorName;
  private final int choice; // -1 for a scheduling decision

  private Decision(int actor, String actorName, int choice) {
    this.actor = actor;
    this.actorName = actorName;
    this.choice = choice;
  }

  public static Decision run(int actor, String actorName) {
    return new Decision(actor, actorName, -1);
  }

  public static Decision choice(int value) {
    return new Decision(-1, null, value);
  }

  public boolean isChoice() {
    return actor < 0;
  }

  /** The actor's index (creation order); -1 for a choice. */
  public int actor() {
    return actor;
  }

  public String actorName() {
    return actorName;
  }

  /** The chosen value; -1 for a scheduling decision. */
  public int choice() {
    return choice;
  }

  static List<Decision> fromRaw(int[] raw, List<String> names) {
    List<Decision> out = new ArrayList<>(raw.length);
    for (int d : raw) {
      out.add(d >= 0 ? run(d, d < names.size() ? names.get(d) : "actor" + d) : choice(-d - 1));
    }
    return out;
  }

  static int[] toRaw(List<Decision> decisions) {
    int[] raw = new int[decisions.size()];
    for (int i = 0; i < raw.length; i++) {
      Decision d = decisions.get(i);
      raw[i] = d.isChoice() ? -(d.choice + 1) : d.actor;
    }
    return raw;
  }

  @Override
  public String toString() {
    return isChoice() ? "choose=" + choice : actorName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision && ((Decision) o).actor == actor && ((Decision) o).choice == choice;
  }

  @Override
  public int hashCode() {
    return actor * 31 + choice;
  }
}
