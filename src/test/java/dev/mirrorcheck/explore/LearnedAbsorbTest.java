package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Learned#absorb}: another JVM's facts weaken these, mutexes matched by id whatever bits each
 * side gave them, and a restart is asked for exactly when a relied-on fact turns out weaker.
 */
class LearnedAbsorbTest {
  @Test
  void locksetsAreMatchedByMutexIdNotByBit() {
    Learned here = new Learned();
    here.mutex(7); // bit 0 here
    here.mutex(9); // bit 1 here
    here.location(100).narrow(here.mutex(7).mask() | here.mutex(9).mask());
    Learned there = new Learned();
    there.mutex(9); // bit 0 there
    there.mutex(7); // bit 1 there
    there.location(100).narrow(there.mutex(9).mask()); // only mutex 9 held there
    assertNull(here.absorb(there.snapshot()));
    assertEquals(here.mutex(9).mask(), here.location(100).lockset);
  }

  @Test
  void aReliedOnLocksetEmptiedElsewhereRestarts() {
    Learned here = new Learned();
    here.location(5).narrow(here.mutex(1).mask());
    here.location(5).reliedOnProtection = true;
    Learned there = new Learned();
    there.restore(here.snapshot());
    there.location(5).narrow(0); // accessed without the lock there
    String why = here.absorb(there.snapshot());
    assertNotNull(why);
    assertTrue(why.contains("without a common lock"), why);
  }

  @Test
  void relianceElsewhereOnAFactAlreadyWeakHereRestarts() {
    Learned here = new Learned();
    Learned there = new Learned();
    there.mutex(3).reliedOnMoving = true;
    here.mutex(3).nonMover = true;
    assertNotNull(here.absorb(there.snapshot()));
  }

  @Test
  void newVisibilityRestartsAndUnreliedWeakeningDoesNot() {
    Learned here = new Learned();
    Learned there = new Learned();
    there.location(8).narrow(0); // weaker, but nobody relied on it
    assertNull(here.absorb(there.snapshot()));
    assertEquals(0, here.location(8).lockset);
    there.markVisible(8, 1);
    assertNotNull(here.absorb(there.snapshot()));
    assertNull(here.absorb(there.snapshot())); // known now
  }
}
