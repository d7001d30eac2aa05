package dev.mirrorcheck.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue is complete and every mutation has a switch point in the mirror. */
class MutationCatalogueTest {

  @Test
  void catalogueHasM1ToM30WithMetadata() {
    assertEquals(30, Mutation.values().length);
    for (int i = 1; i <= 30; i++) {
      Mutation m = Mutation.parse("m" + i);
      assertEquals("M" + i, m.id());
      assertFalse(m.title().isEmpty());
      assertFalse(m.undoes().isEmpty());
      assertFalse(m.designs().isEmpty());
      assertFalse(m.breaks().isEmpty());
    }
    assertTrue(Mutation.M18.breaks().contains("S9"));
    assertTrue(Mutation.M19.appliesTo(Design.ODP));
    // the mkey-lifetime mutations exist in one generation of the odp design each
    DesignOptions srcu = DesignOptions.of(MkeyLifetime.SRCU);
    assertTrue(Mutation.M29.appliesTo(Design.ODP, DesignOptions.DEFAULT));
    assertFalse(Mutation.M29.appliesTo(Design.ODP, srcu));
    assertTrue(Mutation.M30.appliesTo(Design.ODP, srcu));
    assertFalse(Mutation.M30.appliesTo(Design.ODP, DesignOptions.DEFAULT));
    assertFalse(Mutation.M30.appliesTo(Design.LEGACY_ODP, srcu));
    assertEquals("odp.srcu", Mutation.M30.variants());
    assertTrue(Mutation.M3.appliesTo(Design.ODP, srcu), "the others exist in every generation");
  }

  @Test
  void mutationsSetIsImmutableValue() {
    Mutations a = Mutations.of(Mutation.M3);
    Mutations b = a.with(Mutation.M23);
    assertTrue(a.has(Mutation.M3) && !a.has(Mutation.M23));
    assertTrue(b.has(Mutation.M3) && b.has(Mutation.M23));
    assertEquals(Mutations.of(Mutation.M23, Mutation.M3), b);
    assertEquals("correct", Mutations.none().toString());
    assertEquals("M3+M23", b.toString());
  }

  @Test
  void everyMutationHasASwitchPoint() throws IOException {
    Path root = Paths.get("src/main/java/dev/mirrorcheck");
    String sources;
    try (Stream<Path> s = Files.walk(root)) {
      sources = s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/mutation/"))
          .map(MutationCatalogueTest::read)
          .collect(Collectors.joining("\n"));
    }
    for (Mutation m : Mutation.values()) {
      assertTrue(sources.contains("Mutation." + m.name() + ")"), m + " has no switch point");
      assertTrue(sources.contains("// " + m.name() + ":"), m + " has no comment at its switch");
    }
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
