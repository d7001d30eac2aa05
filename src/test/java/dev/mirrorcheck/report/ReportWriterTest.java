package dev.mirrorcheck.report;

import static dev.mirrorcheck.report.CalibrationReports.RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a run: one directory per spec, an index over them, the run's JSON. */
class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryReportAndAnIndexThatLinksThem() throws IOException {
    Path runDir = dir.resolve("target/mirrorcheck").resolve(RUN.runId());
    ReportWriter.Written w = ReportWriter.write(RUN, runDir);
    assertEquals(runDir.resolve("index.html"), w.index());
    assertEquals(runDir.resolve("run.json"), w.runJson());
    for (String spec : List.of("calibration-correct", "calibration-buggy")) {
      for (String f : List.of("report.md", "report.html", "report.json")) {
        assertTrue(Files.size(runDir.resolve(spec).resolve(f)) > 0, spec + "/" + f);
      }
    }
    String index = Files.readString(w.index());
    assertTrue(index.contains("<a href=\"calibration-correct/report.html\">calibration-correct</a>"),
        index);
    assertTrue(index.contains("<a href=\"calibration-buggy/report.html\">calibration-buggy</a>"), index);
    assertTrue(index.contains("<span class=\"pill bad\">VIOLATION FOUND</span>"), index);
    assertTrue(index.contains("<span class=\"badge\">FAILED</span>") && index.contains("exit code 1"),
        index);
    assertTrue(index.contains("<td>M3</td>"), index);
    assertEquals(JsonRenderer.renderRun(RUN), Files.readString(w.runJson()));
    try (Stream<Path> files = Files.walk(runDir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void specNamesBecomeDistinctSafeDirectories() throws IOException {
    SpecReport base = CalibrationReports.PASS;
    RunReport run = RunReport.builder("r", Instant.EPOCH)
        .spec(rename(base, "odp/fault vs munmap")).spec(rename(base, "odp_fault_vs_munmap"))
        .spec(rename(base, "../../etc/passwd")).spec(rename(base, "ODP_FAULT_VS_MUNMAP"))
        .spec(rename(base, "...")).build();
    assertEquals(List.of("odp_fault_vs_munmap", "odp_fault_vs_munmap-2", "etc_passwd",
        "ODP_FAULT_VS_MUNMAP-3", "spec"), run.specDirs());
    ReportWriter.Written w = ReportWriter.write(run, dir);
    for (Path p : w.specDirs()) {
      assertEquals(dir, p.getParent());
      assertTrue(Files.exists(p.resolve("report.html")));
    }
  }

  private static SpecReport rename(SpecReport s, String name) {
    return SpecReport.builder(name).statistics(s.statistics()).verdict(s.verdict(), s.verdictReason())
        .build();
  }
}
