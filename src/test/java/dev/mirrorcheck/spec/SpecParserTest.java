package dev.mirrorcheck.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec format: what parses, and the one-line file:line errors for what does not. */
class SpecParserTest {
  private static final String BASE = String.join("\n",
      "scenario: demo",
      "design: modern",
      "pages: 2",
      "mappings:",
      "  - {anon: 0..1, perm: rw, populate: [10, 11]}",
      "actors:",
      "  munmap: [munmap 1]",
      "  fault: [device-fault 0..1 write dev 0]",
      "  dma: [dma-read 0 expect 10|fault, dma-write 1 7 expect ok]",
      "");

  @Test
  void parsesAScenario() throws SpecException {
    Spec s = SpecParser.parse("demo.yaml", BASE + "kills: [M3]\nmust-reach: install\n"
        + "bounds: {max-steps: 700}\nengine: {stop-at-first: false, time-limit: 9, workers: 3, symmetry: start}\n");
    assertEquals("demo", s.name());
    assertEquals(3, s.workers());
    assertEquals("start", s.symmetry());
    assertEquals(Design.MODERN, s.design());
    assertEquals(2, s.pages());
    assertEquals(6, s.frames()); // 2 * pages + 2 by default
    assertEquals(1, s.devices());
    assertEquals(List.of("munmap", "fault", "dma"), List.copyOf(s.actors().keySet()));
    Op fault = s.actors().get("fault").get(0);
    assertEquals(OpKind.DEVICE_FAULT, fault.kind());
    assertEquals(new PageRange(0, 1), fault.range());
    assertTrue(fault.write());
    assertEquals(8, fault.line());
    Op read = s.actors().get("dma").get(0);
    assertEquals(List.of(10), read.expectValues());
    assertTrue(read.expectFault());
    assertTrue(s.actors().get("dma").get(1).expectOk());
    assertEquals(List.of(Mutation.M3), s.kills());
    assertEquals(List.of("install"), s.mustReach());
    assertEquals(700, s.maxSteps());
    assertFalse(s.stopAtFirst());
    assertEquals(9, s.timeLimitSeconds());
    assertEquals(Spec.Expect.PASS, s.expect());
    assertTrue(s.properties().isEmpty(), "all properties by default");
  }

  @Test
  void everyShippedSpecParses() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("specs"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
        Spec s = SpecParser.parse(f);
        assertEquals(f.getFileName().toString(), s.name() + ".yaml", "file named after its scenario");
        assertFalse(s.description().isEmpty(), f + " has a description");
        assertTrue(Files.readString(f).startsWith("#"), f + " starts with a comment saying what it checks");
      }
    }
  }

  private static final String RDMA = String.join("\n",
      "scenario: rdma",
      "design: odp",
      "designs: [hmm2015, legacy-odp]",
      "pages: 2",
      "mappings:",
      "  - {anon: 0..1, perm: rw, populate: [10, 11]}",
      "umems:",
      "  - {name: umem0, pages: 0..1}",
      "actors:",
      "  munmap: [munmap 1]",
      "  fault: [odp-fault 0..1 read]",
      "kills:",
      "  odp: [M3]",
      "  hmm2015: [M25, M26]",
      "must-reach:",
      "  odp: [update_xlt]",
      "  legacy-odp: [mlx5_ib_update_mtt]",
      "expect:",
      "  hmm2015: violation S3",
      "");

  @Test
  void aScenarioRetargetsToEachDesignItLists() throws SpecException {
    Spec odp = SpecParser.parse("rdma.yaml", RDMA);
    assertEquals(List.of(Design.ODP, Design.HMM2015, Design.LEGACY_ODP), odp.designs());
    assertEquals("rdma", odp.name());
    assertEquals(List.of(Mutation.M3), odp.kills());
    assertEquals(List.of("update_xlt"), odp.mustReach());
    assertEquals(Spec.Expect.PASS, odp.expect());

    Spec hmm = odp.in(Design.HMM2015);
    assertEquals("rdma@hmm2015", hmm.name());
    assertEquals(Design.HMM2015, hmm.design());
    assertEquals(Design.ODP, hmm.declaredDesign());
    assertEquals(List.of(Mutation.M25, Mutation.M26), hmm.kills());
    assertEquals(List.of(), hmm.mustReach());
    assertEquals(Spec.Expect.VIOLATION, hmm.expect());
    assertEquals(List.of("S3"), hmm.expectProperties());

    Spec legacy = hmm.in(Design.LEGACY_ODP);
    assertEquals("rdma@legacy-odp", legacy.name());
    assertEquals(List.of(), legacy.kills());
    assertEquals(List.of("mlx5_ib_update_mtt"), legacy.mustReach());
    assertEquals("rdma", legacy.in(Design.ODP).name());
  }

  @Test
  void aDesignMissingAnOperationRefusesTheScenarioWithItsLine() {
    SpecException e = assertThrows(SpecException.class,
        () -> SpecParser.parse("rdma.yaml", RDMA).in(Design.MODERN));
    assertEquals("rdma.yaml:8: umems exist only in the RDMA designs (odp, hmm2015, legacy-odp)",
        e.getMessage());
    String prefetch = RDMA.replace("odp-fault 0..1 read", "odp-prefetch 0..1 read")
        .replace("designs: [hmm2015, legacy-odp]\n", "");
    e = assertThrows(SpecException.class,
        () -> SpecParser.parse("p.yaml", prefetch).in(Design.HMM2015));
    assertTrue(e.getMessage().startsWith("p.yaml:10: 'odp-prefetch' does not exist in design hmm2015"),
        e.getMessage());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("scenario: x\npages: 2\n", 1, "missing required key 'actors'"),
        Arguments.of(BASE.replace("pages: 2", "pages: 99"), 3, "pages must be in 1..16, got 99"),
        Arguments.of(BASE + "colour: red\n", 10, "unknown key 'colour' in a spec"),
        Arguments.of(BASE.replace("munmap 1", "munmapp 1"), 7, "unknown operation 'munmapp'"),
        Arguments.of(BASE.replace("munmap 1", "munmap 5"), 7, "page 5 is outside the address space"),
        Arguments.of(BASE.replace("munmap 1", "munmap x"), 7, "'x' is not a page range"),
        Arguments.of(BASE.replace("write dev 0", "write dev 3"), 8, "device 3 does not exist"),
        Arguments.of(BASE.replace("expect 10|fault", "expect ten"), 9, "expected value must be an integer"),
        Arguments.of(BASE.replace("design: modern", "design: exotic"), 2, "unknown design 'exotic'"),
        Arguments.of(BASE.replace("write dev 0]", "write dev 0 expect -EFOO]"), 8,
            "'-EFOO' is not an error number this model returns (-EPERM, -ENOENT"),
        Arguments.of(BASE.replace("expect 10|fault", "expect 10|-EPERM"), 9,
            "'-EPERM': only calls that return an error number take one (device-fault, device-write"),
        Arguments.of(BASE + "mutations: [M99]\n", 10, "unknown mutation 'M99'"),
        Arguments.of(BASE + "mutations: [M7]\n", 10, "M7 does not apply to design modern"),
        Arguments.of(BASE + "bounds: {max-steps: 0}\n", 10, "max-steps must be in 1..1000000, got 0"),
        Arguments.of(BASE + "engine: {workers: 0}\n", 10, "workers must be in 1..256, got 0"),
        Arguments.of(BASE + "engine: {symmetry: on}\n", 10,
            "symmetry must be off, start or states, got 'on'"),
        Arguments.of(BASE.replace("  - {anon: 0..1", "  - {anon: 1..2"), 5, "outside the address space"),
        Arguments.of(BASE.replace("actors:\n", "actors: [\n"), 0, "not valid YAML"),
        Arguments.of(BASE.replace("munmap 1", "odp-fault 0"), 7, "'odp-fault' does not exist in design modern"),
        Arguments.of(BASE.replace("munmap 1", "fork"), 7, "fork needs 'fork-child: true'"),
        Arguments.of(BASE + "expect: maybe\n", 10, "expect must be 'pass' or 'violation"),
        Arguments.of(RDMA.replace("  hmm2015: [M25, M26]", "  hmm2015: [M7]"), 14,
            "M7 does not apply to design hmm2015"),
        Arguments.of(RDMA.replace("  odp: [update_xlt]", "  odp2: [update_xlt]"), 16,
            "unknown design 'odp2' in must-reach"),
        Arguments.of(RDMA.replace("violation S3", "perhaps"), 19, "expect must be 'pass' or"),
        Arguments.of(RDMA.replace("designs: [hmm2015, legacy-odp]", "designs: [gpu]"), 3,
            "unknown design 'gpu'"),
        Arguments.of(RDMA.replace("odp-fault 0..1 read", "ucontext-close"), 11,
            "'ucontext-close' does not exist in design odp"),
        Arguments.of(RDMA.replace("design: odp", "design: hmm2015")
            .replace("{name: umem0, pages: 0..1}", "{name: umem0, pages: 0..1, implicit-child: true}"),
            8, "implicit ODP MRs exist only in design 'odp'"));
  }

  @Test
  void callsMayExpectErrorNumbers() throws SpecException {
    Spec s = SpecParser.parse("demo.yaml", BASE.replace("write dev 0]",
        "write dev 0 expect ok|-EPERM/-EFAULT|fault]"));
    Op fault = s.actors().get("fault").get(0);
    Expectation page0 = fault.expectation(0);
    assertEquals(List.of(-1), page0.errnos());
    assertTrue(page0.allows(false, 0), "ok");
    assertTrue(page0.allows(true, -1), "-EPERM");
    assertFalse(page0.allows(true, -14), "-EFAULT is not listed for page 0, nor is fault");
    Expectation page1 = fault.expectation(1);
    assertFalse(page1.allows(false, 0), "success is not listed for page 1");
    assertTrue(page1.allows(true, -14));
    assertTrue(page1.allows(true, -16), "fault allows every error number");
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("malformed")
  void malformedSpecsGiveOneLineErrorsWithFileAndLine(String text, int line, String problem) {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("bad.yaml", text));
    assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
    if (line > 0) {
      assertEquals(line, e.line(), e.getMessage());
    }
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
