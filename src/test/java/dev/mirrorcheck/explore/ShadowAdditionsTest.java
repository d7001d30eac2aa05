package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster member's shadow of a split node records source-DPOR's additions for the owner to
 * apply; the owner must end with the backtrack set it would have had if the lease had run
 * in-process, although the shadow does not know the branches the owner had planned already.
 */
class ShadowAdditionsTest {
  private static final int WIDTH = 8;
  private static final long ENABLED = bits(0, 1, 3, 5);

  @Test
  void anAdditionThatMeetsTheShadowsOwnPickStillReachesTheOwner() {
    // The owner planned actor 3 already; the lease ran branch 0.
    List<long[]> additions = List.of(new long[] {bits(1, 3)}, new long[] {bits(1, 5)});
    SplitNode direct = owner();
    for (long[] a : additions) {
      direct.addBacktrack(a[0]);
    }
    SplitNode owner = owner();
    Ledger ledger = new Ledger((depth, actor, fp, opaque) -> { });
    SplitNode shadow = node(bits(0), bits(0));
    shadow.shadow(ledger, null, 0);
    for (long[] a : additions) {
      shadow.addBacktrack(a[0]);
    }
    for (long[] b : ledger.backtracks) {
      owner.addBacktrack(b[1]);
    }
    long[] taken = new long[1];
    List<Integer> viaLedger = branches(owner, taken);
    List<Integer> inProcess = branches(direct, taken);
    assertEquals(inProcess, viaLedger);
    assertTrue(viaLedger.contains(1), "the second addition needs actor 1: " + viaLedger);
  }

  @Test
  void theLedgerKeepsEachDistinctAdditionOnce() {
    Ledger ledger = new Ledger((depth, actor, fp, opaque) -> { });
    SplitNode shadow = node(bits(0), bits(0));
    shadow.shadow(ledger, null, 0);
    shadow.addBacktrack(bits(1));
    shadow.addBacktrack(bits(1));
    shadow.addBacktrack(bits(3, 5));
    assertEquals(2, ledger.backtracks.size());
  }

  private static SplitNode owner() {
    return node(bits(0, 3), bits(0));
  }

  private static SplitNode node(long backtrack, long done) {
    return new SplitNode(new WorkPool(1), null, -1, 0, 0, (byte) 0, ENABLED, 0, 0, 0, 0, null,
        backtrack, done, 0, WIDTH);
  }

  private static List<Integer> branches(SplitNode n, long[] taken) {
    List<Integer> out = new ArrayList<>();
    for (int c = n.take(taken); c >= 0; c = n.take(taken)) {
      out.add(c);
    }
    return out;
  }

  private static long bits(int... actors) {
    long b = 0;
    for (int a : actors) {
      b |= 1L << a;
    }
    return b;
  }
}
