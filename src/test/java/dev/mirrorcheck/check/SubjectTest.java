package dev.mirrorcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpContext;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject and what installing every property declares on a world. */
class SubjectTest {
  private final SetupWorld world = new SetupWorld();
  private final PhysMem mem = new PhysMem(world.sync, 4, 2);
  private final Mm mm = new Mm(mem, Mutations.none(), "mm", 2, 8);
  private final Mm child = new Mm(mem, Mutations.none(), "child", 2, 8);
  private final Dmirror d =
      new Dmirror(new DmirrorDevice(mem, Mutations.none(), 0, "dev0"), mm, "dmirror0");
  private final IbUmemOdp umem =
      new IbUmemOdp(mm, Mutations.none(), new OdpContext(world.sync, "ctx"), "umem", 1, 2, false);

  @Test
  void includesTheAddressSpacesOfMirrorsAndUmems() {
    Subject s = Subject.builder(Design.ODP, mem).mm(child).umem(umem).mirror(d).build();
    assertEquals(List.of(child, mm), s.mms());
    assertEquals(List.of(d), s.mirrors());
    assertEquals(List.of(umem), s.umems());
    assertEquals(Design.ODP, s.design());
  }

  @Test
  void rejectsDuplicatesAndForeignMemory() {
    assertThrows(IllegalArgumentException.class,
        () -> Subject.builder(Design.MODERN, mem).mirror(d).mirror(d));
    PhysMem other = new PhysMem(world.sync, 1);
    assertThrows(IllegalArgumentException.class,
        () -> Subject.builder(Design.MODERN, other).mm(mm).build());
  }

  @Test
  void statePropertiesDeclareOneInvariantPerMirrorAndPage() {
    Subject s = Subject.builder(Design.MODERN, mem).mm(child).mirror(d).umem(umem).build();
    Properties.installAll(world, s);
    // S1: dmirror0 covers pages 0..1, umem page 1; S8: one per mm plus one per notifier
    assertEquals(3, Collections.frequency(world.invariants, "S1"));
    assertEquals(4, Collections.frequency(world.invariants, "S8"));
    assertEquals(List.of("S1", "S8"),
        world.invariants.stream().distinct().collect(java.util.stream.Collectors.toList()));
    // at the end: S8 and L2 per mm, S10 (mm references) once for all of them, L3 once
    assertEquals(List.of("S8", "S8", "S10", "L2", "L2", "L3"), world.endChecks);
  }
}
