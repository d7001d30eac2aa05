package dev.mirrorcheck.check;

import static dev.mirrorcheck.mutation.Design.HMM2015;
import static dev.mirrorcheck.mutation.Design.LEGACY_ODP;
import static dev.mirrorcheck.mutation.Design.MODERN;
import static dev.mirrorcheck.mutation.Design.ODP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue lists every property of docs/properties.md with its applicability. */
class PropertyCatalogTest {
  private static final Set<Design> ALL = ImmutableSet.of(MODERN, ODP, HMM2015, LEGACY_ODP);

  /**
   * Section 3 applicability: S7 and S8 are stated with sequence counts, L5 for the 2015 design.
   * S9 is stated there with interval-notifier removal; its clause for classic (hlist) notifiers
   * (unregister and exit's release with their SRCU grace period) extends it to the 2015 and
   * legacy-ODP designs, which hang on one.
   */
  private static final ImmutableMap<String, Set<Design>> SECTION_3 =
      ImmutableMap.<String, Set<Design>>builder()
          .put("S1", ALL).put("S2", ALL).put("S3", ALL).put("S4a", ALL).put("S4b", ALL)
          .put("S5", ALL).put("S6", ALL).put("S7", ImmutableSet.of(MODERN, ODP, LEGACY_ODP))
          .put("S8", ImmutableSet.of(MODERN, ODP, LEGACY_ODP)).put("S9", ALL).put("S10", ALL)
          .put("L1", ALL).put("L2", ALL).put("L3", ALL).put("L4", ALL)
          .put("L5", ImmutableSet.of(HMM2015))
          .build();

  @Test
  void listsEveryIdOfSection3InOrder() {
    assertEquals(List.copyOf(SECTION_3.keySet()), PropertyCatalog.ids());
  }

  @Test
  void applicabilityMatchesSection3() {
    for (Property p : PropertyCatalog.all()) {
      assertEquals(SECTION_3.get(p.id()), p.designs(), p.id());
    }
    List<String> modern = PropertyCatalog.applicableTo(MODERN).stream().map(Property::id)
        .collect(Collectors.toList());
    assertEquals(List.of("S1", "S2", "S3", "S4a", "S4b", "S5", "S6", "S7", "S8", "S9", "S10",
        "L1", "L2", "L3", "L4"), modern);
    assertEquals(modern, PropertyCatalog.applicableTo(ODP).stream().map(Property::id)
        .collect(Collectors.toList()));
    assertEquals(List.of("L5"), PropertyCatalog.all().stream().filter(p -> !p.appliesTo(MODERN))
        .map(Property::id).collect(Collectors.toList()));
  }

  @Test
  void everyPropertyIsDescribed() {
    for (Property p : PropertyCatalog.all()) {
      assertTrue(p.title().length() > 3 && p.title().length() < 50, p.id() + " title");
      assertTrue(p.statement().contains("PASS"), p.id() + " says what a PASS means");
      assertTrue(!p.checkedBy().isEmpty(), p.id());
    }
    assertEquals(Set.of(CheckedBy.EXPLORER), PropertyCatalog.byId("L1").checkedBy());
    assertEquals(Set.of(CheckedBy.EXPLORER), PropertyCatalog.byId("L4").checkedBy());
    assertEquals(Set.of(CheckedBy.STATE_INVARIANT), PropertyCatalog.byId("S1").checkedBy());
    assertEquals(Set.of(CheckedBy.END), PropertyCatalog.byId("L2").checkedBy());
  }

  @Test
  void byIdIgnoresCaseAndNamesTheValidIds() {
    assertSame(PropertyCatalog.byId("S4a"), PropertyCatalog.byId(" s4A "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PropertyCatalog.byId("S11"));
    assertEquals("unknown property 'S11'; did you mean 'S1' or 'S10'? (valid ids: S1, S2, S3, S4a, "
        + "S4b, S5, S6, S7, S8, S9, S10, L1, L2, L3, L4, L5)", e.getMessage());
  }

  @Test
  void everyPropertyButL5HasAFiringScenario() {
    Set<String> fired = PropertyFiringTest.cases().map(a -> (String) a.get()[0])
        .collect(Collectors.toSet());
    Set<String> expected = PropertyCatalog.applicableTo(MODERN).stream().map(Property::id)
        .collect(Collectors.toSet());
    assertEquals(expected, fired);
  }

  @Test
  void installRefusesDesignsAPropertyIsNotStatedFor() {
    SetupWorld w = new SetupWorld();
    PhysMem mem = new PhysMem(w.sync, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PropertyCatalog.byId("L5").install(w, Subject.builder(MODERN, mem).build()));
    assertTrue(e.getMessage().startsWith(
        "L5 (backoff honoured (2015 design)) does not apply to the MODERN design"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PropertyCatalog.byId("S8").install(w, Subject.builder(HMM2015, mem).build()));
  }

  @Test
  void catalogueMutationsNameOnlyCatalogueProperties() {
    for (Mutation m : Mutation.values()) {
      for (String id : m.breaks()) {
        assertEquals(id, PropertyCatalog.byId(id).id(), m.id());
      }
    }
  }
}
