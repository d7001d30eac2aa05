package dev.mirrorcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.sync.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** L5 fires when a registered device fault never leaves device_faults, and only then. */
class BackoffHonouredTest {

  /** A fault that registers, reaches the device update and, if {@code leaves}, unregisters. */
  private static Harness fault(boolean leaves) {
    return world -> {
      PhysMem mem = new PhysMem(world.sync(), 1);
      GhostMirror gm = mem.ghost().newMirror("mirror", 0, 1);
      Properties.install(world, Subject.builder(Design.HMM2015, mem).build(),
          List.of(PropertyCatalog.byId("L5")));
      world.actor("fault", () -> {
        world.sync().atomic("fault:hmm_device_fault_start",
            () -> mem.ghost().deviceFaultStart(gm, "DEVICE_RFAULT[0,1)", 0, 1));
        world.sync().atomic("fault:device_update",
            () -> mem.ghost().deviceFaultUpdate(gm, "DEVICE_RFAULT[0,1)", false));
        if (leaves) {
          world.sync().atomic("fault:hmm_device_fault_end",
              () -> mem.ghost().deviceFaultEnd(gm, "DEVICE_RFAULT[0,1)"));
        }
      });
    };
  }

  @Test
  void aFaultThatStaysRegisteredViolatesL5() {
    Result r = new Explorer(ExplorerOptions.defaults()).explore(fault(false));
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    assertEquals("L5", r.findings().get(0).property());
    assertTrue(r.findings().get(0).message().contains("never left device_faults"),
        r.findings().get(0).message());
  }

  @Test
  void aFaultThatLeavesPasses() {
    Result r = new Explorer(ExplorerOptions.defaults()).explore(fault(true));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.findings().toString());
  }
}
