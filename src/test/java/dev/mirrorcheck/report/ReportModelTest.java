package dev.mirrorcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Decision;
import dev.mirrorcheck.explore.Result;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report model: what it derives and what it refuses. */
class ReportModelTest {
  private static final SpecReport PASS = CalibrationReports.PASS;

  @Test
  void resultFillsVerdictStatisticsCoverageAndEngine() {
    assertEquals(Result.Verdict.PASS, PASS.verdict());
    assertTrue(PASS.conclusive());
    assertTrue(PASS.statistics().executions() > 0);
    assertTrue(PASS.coverage().get("fault:install") > 0);
    assertTrue(PASS.verdictReason().startsWith("every interleaving"), PASS.verdictReason());
    assertFalse(PASS.engine().isEmpty());
    assertEquals("2", PASS.options().get("pages"));
    assertEquals(List.of("pages", "faulters", "step bound"),
        PASS.options().keySet().asList().subList(0, 3));
  }

  @Test
  void unreachedStepsAreInventoryStepsWithoutExecutions() {
    assertTrue(PASS.unreachedLabels().contains(CalibrationReports.UNEMITTED_STEP));
    assertFalse(PASS.unreachedLabels().contains("install"));
    assertTrue(CalibrationReports.VIOLATION.unreachedLabels().contains("read_retry"));
    assertEquals(List.of(), PASS.unreachedMustReach());
    assertEquals(List.of("fault:read_retry"), CalibrationReports.VIOLATION.unreachedMustReach());
    assertTrue(SpecReport.matches("fault/cow:S.lock", "cow:S.lock"));
    assertTrue(SpecReport.matches("munmap:zap_pte_range", "zap_pte_range"));
    assertFalse(SpecReport.matches("munmap:zap_pte_range", "fault:zap_pte_range"));
  }

  @Test
  void outcomesReadTheVerdictAgainstTheSpec() {
    assertEquals(Outcome.PASS, PASS.outcome());
    assertEquals(Outcome.VIOLATION, CalibrationReports.VIOLATION.outcome());
    Expectation s3 = Expectation.violation(List.of("S3"), "specs/x.yaml:9", "why", "specs/x.yaml lines 1-2");
    assertEquals(Outcome.EXPECTED_VIOLATION,
        CalibrationReports.VIOLATION.toBuilder().expectation(s3).build().outcome());
    Expectation s1 = Expectation.violation(List.of("S1"), null, null, null);
    assertEquals(Outcome.MISSING_VIOLATION,
        CalibrationReports.VIOLATION.toBuilder().expectation(s1).build().outcome());
    assertEquals(Outcome.MISSING_VIOLATION, PASS.toBuilder().expectation(s3).build().outcome());
    assertEquals(Outcome.VACUOUS, PASS.toBuilder().mustReach(List.of("never_emitted")).build()
        .outcome());
    assertEquals(Outcome.BOUND_HIT, PASS.toBuilder().verdict(Result.Verdict.BOUND_HIT, "b").build()
        .outcome());
    assertEquals(0, Outcome.EXPECTED_VIOLATION.exitCode());
    assertEquals(3, Outcome.VACUOUS.exitCode());
    assertEquals(Outcome.VIOLATION, Outcome.worse(Outcome.VACUOUS, Outcome.VIOLATION));
    assertEquals(Outcome.VIOLATION, CalibrationReports.RUN.outcome());
  }

  @Test
  void propertyVerdictsFollowTheCounterexamples() {
    PropertyVerdict s3 = CalibrationReports.VIOLATION.properties().get(0);
    assertEquals(PropertyVerdict.Status.VIOLATED, s3.status());
    assertEquals(0, s3.counterexample());
    assertEquals(PropertyVerdict.Status.PASS, PASS.properties().get(0).status());
    assertThrows(IllegalArgumentException.class, () -> new PropertyVerdict("S1", "", "",
        PropertyVerdict.Status.PASS, 0));
  }

  @Test
  void aPropertyCannotPointPastTheCounterexamples() {
    SpecReport.Builder b = PASS.toBuilder().property(PropertyVerdict.violated("S1", "t", "s", 3));
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void runVerdictIsTheWorstAndRunsNeedSpecs() {
    assertEquals(Result.Verdict.VIOLATION, CalibrationReports.RUN.verdict());
    SpecReport incomplete = PASS.toBuilder().verdict(Result.Verdict.INCOMPLETE, "time").build();
    SpecReport bound = PASS.toBuilder().verdict(Result.Verdict.BOUND_HIT, "bound").build();
    RunReport run = RunReport.builder("r", Instant.EPOCH).spec(PASS).spec(bound).spec(incomplete)
        .build();
    assertEquals(Result.Verdict.INCOMPLETE, run.verdict());
    assertEquals(1, run.count(Result.Verdict.BOUND_HIT));
    assertThrows(IllegalStateException.class, () -> RunReport.builder("r", Instant.EPOCH).build());
    assertEquals("20260314-093012",
        RunReport.defaultRunId(Instant.parse("2026-03-14T09:30:12.789Z")));
  }

  @Test
  void formatsAreLocaleIndependent() {
    assertEquals("1,234,567", Formats.count(1_234_567));
    assertEquals("850 ms", Formats.millis(850));
    assertEquals("12.3 s", Formats.millis(12_345));
    assertEquals("4 min 05 s", Formats.millis(245_000));
    assertEquals("a x3, choose=1, b", Formats.schedule(List.of(Decision.run(0, "a"),
        Decision.run(0, "a"), Decision.run(0, "a"), Decision.choice(1), Decision.run(1, "b"))));
  }
}
