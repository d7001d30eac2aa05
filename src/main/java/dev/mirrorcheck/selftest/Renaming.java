package dev.mirrorcheck.selftest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Final states up to a renaming of a program's interchangeable actors
 * ({@link FacadeProgram#symmetricGroups}): within each group, the members' parts of the state (status
 * and registers) are sorted, so that two states that differ only by which member is which read the
 * same.
 */
final class Renaming {
  private final List<List<String>> groups = new ArrayList<>();

  Renaming(Program p) {
    for (List<Integer> g : FacadeProgram.symmetricGroups(p)) {
      List<String> names = new ArrayList<>();
      for (int a : g) {
        names.add(p.actors().get(a).name());
      }
      groups.add(names);
    }
  }

  /** {@code o} with every final state in canonical form. */
  Outcome canonical(Outcome o) {
    if (groups.isEmpty()) {
      return o;
    }
    Set<String> finals = new HashSet<>();
    for (String s : o.finalStates()) {
      finals.add(canonical(s));
    }
    return new Outcome(finals, o.violations(), o.complete(), o.work(), o.reduction());
  }

  /** One state (the {@link FinalState} text) in canonical form. */
  String canonical(String state) {
    int bar = state.indexOf('|');
    if (bar < 0) {
      return state;
    }
    String[] parts = state.substring(bar + 1).trim().split(" ");
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      at.put(actorOf(parts[i]), i);
    }
    for (List<String> g : groups) {
      List<String> rest = new ArrayList<>();
      for (String name : g) {
        Integer i = at.get(name);
        if (i == null) {
          return state; // not this program's text: leave it as it is
        }
        rest.add(parts[i].substring(name.length()));
      }
      Collections.sort(rest);
      for (int k = 0; k < g.size(); k++) {
        parts[at.get(g.get(k))] = g.get(k) + rest.get(k);
      }
    }
    return state.substring(0, bar + 1) + " " + String.join(" ", parts);
  }

  private static String actorOf(String part) {
    int end = 0;
    while (end < part.length() && Character.isLetterOrDigit(part.charAt(end))) {
      end++;
    }
    return part.substring(0, end);
  }
}
