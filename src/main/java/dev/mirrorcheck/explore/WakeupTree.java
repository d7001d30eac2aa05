package dev.mirrorcheck.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * The frontier of optimal DPOR at one scheduling node: an ordered tree of actor sequences still to
 * explore from there (a wakeup tree, Abdulla, Aronis, Jonsson and Sagonas, JACM 2017, section 6). Each
 * node is one step of one actor, with the footprint that step had when its race was found; the root
 * stands for the node itself. A leaf means "from here, explore freely". Its size is bounded by the
 * races of the current execution: explored branches are removed.
 */
final class WakeupTree {
  final int actor; // -1 at the root
  final int[] footprint;
  private List<WakeupTree> children;

  WakeupTree(int actor, int[] footprint) {
    this.actor = actor;
    this.footprint = footprint;
  }

  static WakeupTree root() {
    return new WakeupTree(-1, null);
  }

  boolean isLeaf() {
    return children == null || children.isEmpty();
  }

  int childCount() {
    return children == null ? 0 : children.size();
  }

  WakeupTree child(int i) {
    return children.get(i);
  }

  WakeupTree removeChild(int i) {
    return children.remove(i);
  }

  void add(WakeupTree child) {
    if (children == null) {
      children = new ArrayList<>(2);
    }
    children.add(child);
  }

  /** The actors the children start with, as a bit mask. */
  long childActors() {
    long out = 0;
    for (int i = 0; i < childCount(); i++) {
      out |= 1L << children.get(i).actor;
    }
    return out;
  }

  /** Whether some child starts with {@code a}. */
  boolean hasChild(int a) {
    for (int i = 0; i < childCount(); i++) {
      if (children.get(i).actor == a) {
        return true;
      }
    }
    return false;
  }

  /**
   * Inserts {@code v} below this root unless a branch already covers it: walking down, the first
   * child whose actor is a weak initial of what is left of {@code v} is followed (its event leaves
   * {@code v}); reaching a leaf or using up {@code v} means the branch's exploration will meet it.
   * Otherwise what is left becomes a new last branch. Returns whether a branch was added.
   */
  boolean insert(Reversal v) {
    WakeupTree node = this;
    while (true) {
      WakeupTree next = null;
      for (int i = 0; i < node.childCount() && next == null; i++) {
        WakeupTree c = node.children.get(i);
        if (v.isWeakInitial(c.actor, c.footprint)) {
          next = c;
        }
      }
      if (next == null) {
        node.add(v.chain());
        return true;
      }
      if (next.isLeaf()) {
        return false;
      }
      v.removeFirst(next.actor);
      if (v.isEmpty()) {
        return false;
      }
      node = next;
    }
  }

  /** A deep copy (the guide a choice node restores for each of its values). */
  WakeupTree copy() {
    WakeupTree out = new WakeupTree(actor, footprint);
    for (int i = 0; i < childCount(); i++) {
      out.add(children.get(i).copy());
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(actor < 0 ? "*" : Integer.toString(actor));
    if (!isLeaf()) {
      sb.append('(');
      for (int i = 0; i < childCount(); i++) {
        sb.append(i == 0 ? "" : " ").append(children.get(i));
      }
      sb.append(')');
    }
    return sb.toString();
  }
}
