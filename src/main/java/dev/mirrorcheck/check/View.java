package dev.mirrorcheck.check;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.hmm2015.HmmMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.Sync;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A subject indexed for the checkers: mirrors by ghost identity, address spaces by ghost id. */
final class View {
  final Subject subject;
  final PhysMem mem;
  final Sync sync;
  final Ghost ghost;
  final ImmutableList<Mirror> mirrors;
  final ImmutableList<Mm> mms;
  private final Map<GhostMirror, Mirror> byGhost = new IdentityHashMap<>();
  private final Map<GhostSub, Mirror> bySub = new IdentityHashMap<>();
  private final ImmutableMap<Integer, Mm> mmById;

  View(Subject subject) {
    this.subject = subject;
    this.mem = subject.mem();
    this.sync = mem.sync();
    this.ghost = mem.ghost();
    ImmutableList.Builder<Mirror> b = ImmutableList.builder();
    subject.mirrors().forEach(d -> b.add(Mirror.of(d)));
    subject.umems().forEach(u -> b.add(Mirror.of(u)));
    subject.hmmUmems().forEach(u -> b.add(Mirror.of(u)));
    Set<HmmMirror> hmmMirrors = new LinkedHashSet<>();
    subject.hmmUmems().forEach(u -> hmmMirrors.add(u.ibMirror().base()));
    hmmMirrors.forEach(m -> b.add(Mirror.of(m)));
    subject.legacyUmems().forEach(u -> b.add(Mirror.of(u)));
    mirrors = b.build();
    for (Mirror m : mirrors) {
      byGhost.put(m.ghost, m);
      if (m.sub != null) {
        bySub.put(m.sub, m);
      }
    }
    mms = subject.mms();
    ImmutableMap.Builder<Integer, Mm> ids = ImmutableMap.builder();
    mms.forEach(mm -> ids.put(mm.id(), mm));
    mmById = ids.build();
  }

  /** The subject's mirror with this ghost identity, or null for a mirror outside the subject. */
  Mirror mirror(GhostMirror g) {
    return byGhost.get(g);
  }

  /** The subject's mirror whose notifier this is, or null (a snapshot's temporary notifier). */
  Mirror mirrorOfSub(GhostSub s) {
    return bySub.get(s);
  }

  /** The subject's address space with this ghost id, or null. */
  Mm mm(int id) {
    return mmById.get(id);
  }

  /** Names of the subject's mirrors in a per-frame bit mask, e.g. {@code "dmirror0+umem"}. */
  String names(int mask) {
    StringBuilder sb = new StringBuilder();
    for (int id = 0; id < 31; id++) {
      if ((mask & (1 << id)) == 0) {
        continue;
      }
      String n = "mirror#" + id;
      for (Mirror m : mirrors) {
        if (m.ghost.id() == id) {
          n = m.name;
        }
      }
      sb.append(sb.length() == 0 ? "" : "+").append(n);
    }
    return sb.toString();
  }

  /** Whether {@code mm}'s interval tree or deferred list holds the notifier of {@code sub} (peek). */
  boolean holds(Mm mm, GhostSub sub) {
    Subscriptions s = mm.notifier();
    boolean held = false;
    for (IntervalNotifier i : s.itreeCell().peek()) {
      held |= i.ghost() == sub;
    }
    for (Subscriptions.Deferred d : s.deferredCell().peek()) {
      held |= d.sub().ghost() == sub;
    }
    return held;
  }

  /** The address space holding the notifier of {@code sub} (peek), or null. */
  Mm holder(GhostSub sub) {
    for (Mm mm : mms) {
      if (holds(mm, sub)) {
        return mm;
      }
    }
    return null;
  }
}
