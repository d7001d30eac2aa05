package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counterexample files carry their spec: they replay after the spec file moved or changed (saying
 * so), and a schedule that does not fit the violation it claims (decisions left over, actor names
 * contradicting their indices, a diverging decision, an edited spec) is not reproduced.
 */
class ReplaySelfContainedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Path spec;
  private Path cx;

  @BeforeEach
  void findACounterexample() throws Exception {
    spec = tmp.resolve("teardown.yaml");
    Files.writeString(spec, Files.readString(Path.of("specs/anon_teardown.yaml"))
        .replace("scenario: anon_teardown", "scenario: teardown"));
    CliRun r = CliRun.of("check", spec.toString(), "--mutation", "M4", "--out",
        tmp.resolve("out").toString());
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    cx = r.runDir().resolve("teardown/counterexample-1.json");
    ObjectNode params = (ObjectNode) JSON.readTree(cx.toFile()).path("harness").path("params");
    assertEquals(Files.readString(spec), params.path("spec").asText(), "the spec text is embedded");
    assertEquals(SpecHarness.sha256(Files.readString(spec)), params.path("spec-sha256").asText());
    assertEquals("modern", params.path("design").asText());
  }

  @Test
  void replaysAfterTheSpecFileMovedOrChanged() throws Exception {
    CliRun same = CliRun.of("replay", cx.toString());
    assertEquals(ExitCode.VIOLATION, same.exit, same.toString());
    assertTrue(!same.out.contains("note:"), same.out);
    Files.writeString(spec, Files.readString(spec).replace("munmap: [munmap 1]", "munmap: [munmap 0]"));
    CliRun changed = CliRun.of("replay", cx.toString());
    assertEquals(ExitCode.VIOLATION, changed.exit, changed.toString());
    assertTrue(changed.out.contains("differs from the one the counterexample was found with"),
        changed.out);
    Files.delete(spec);
    CliRun moved = CliRun.of("replay", cx.toString());
    assertEquals(ExitCode.VIOLATION, moved.exit, moved.toString());
    assertTrue(moved.out.contains("is not found from here") && moved.out.contains("reproduced:"),
        moved.out);
  }

  @Test
  void decisionsLeftOverAfterTheViolationAreNotAReproduction() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(cx.toFile());
    ArrayNode schedule = (ArrayNode) root.path("schedule");
    schedule.add(schedule.get(schedule.size() - 1).deepCopy());
    CliRun r = replay(root);
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.out.contains("NOT reproduced") && r.out.contains("1 decision left after the "
        + "violation"), r.out);
  }

  @Test
  void actorNamesContradictingTheirIndicesAreNotAReproduction() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(cx.toFile());
    ObjectNode first = (ObjectNode) root.path("schedule").get(0);
    first.put("name", first.path("name").asText().equals("fault") ? "munmap" : "fault");
    CliRun r = replay(root);
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.out.contains("NOT reproduced") && r.out.contains("schedule[0] names actor"), r.out);
  }

  @Test
  void aDivergingScheduleIsNotAReproduction() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(cx.toFile());
    ArrayNode schedule = (ArrayNode) root.path("schedule");
    schedule.insert(0, JSON.createObjectNode().put("choose", 0));
    CliRun r = replay(root);
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.out.contains("NOT reproduced") && r.out.contains("diverged"), r.out);
  }

  @Test
  void anEditedEmbeddedSpecIsRejected() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(cx.toFile());
    ObjectNode params = (ObjectNode) root.path("harness").path("params");
    params.put("spec", params.path("spec").asText().replace("munmap 1", "munmap 0"));
    CliRun r = replay(root);
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.err.contains("does not match its spec-sha256"), r.err);
  }

  private CliRun replay(ObjectNode root) throws Exception {
    Path edited = tmp.resolve("edited.json");
    JSON.writeValue(edited.toFile(), root);
    return CliRun.of("replay", edited.toString());
  }
}
