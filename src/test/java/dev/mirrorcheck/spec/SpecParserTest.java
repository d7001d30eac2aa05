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
        + "bounds: {max-steps: 700}\nengine: {stop-at-first: false, time-limit: 9}\n");
    assertEquals("demo", s.name());
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
        Arguments.of(BASE + "mutations: [M99]\n", 10, "unknown mutation 'M99'"),
        Arguments.of(BASE + "mutations: [M7]\n", 10, "M7 does not apply to design modern"),
        Arguments.of(BASE + "bounds: {max-steps: 0}\n", 10, "max-steps must be in 1..1000000, got 0"),
        Arguments.of(BASE.replace("  - {anon: 0..1", "  - {anon: 1..2"), 5, "outside the address space"),
        Arguments.of(BASE.replace("actors:\n", "actors: [\n"), 0, "not valid YAML"),
        Arguments.of(BASE.replace("munmap 1", "odp-fault 0"), 7, "'odp-fault' does not exist in design modern"),
        Arguments.of(BASE.replace("munmap 1", "fork"), 7, "fork needs 'fork-child: true'"),
        Arguments.of(BASE + "expect: maybe\n", 10, "expect must be 'pass' or 'violation"));
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
