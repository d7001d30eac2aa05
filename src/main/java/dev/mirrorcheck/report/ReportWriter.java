package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run's reports: {@code <runDir>/<spec>/report.md}, {@code report.html} and
 * {@code report.json} for each spec, then {@code <runDir>/index.html} and {@code <runDir>/run.json}.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /** What was written: the index page, the run's JSON, each spec's directory (parallel to the specs). */
  public record Written(Path index, Path runJson, ImmutableList<Path> specDirs) {}

  /** Writes every file, replacing each atomically where the file system allows. */
  public static Written write(RunReport run, Path runDir) throws IOException {
    Files.createDirectories(runDir);
    ImmutableList.Builder<Path> dirs = ImmutableList.builder();
    for (int i = 0; i < run.specs().size(); i++) {
      Path dir = runDir.resolve(run.specDirs().get(i));
      Files.createDirectories(dir);
      put(dir.resolve("report.md"), MarkdownRenderer.render(run, i));
      put(dir.resolve("report.html"), HtmlRenderer.render(run, i));
      put(dir.resolve("report.json"), JsonRenderer.renderSpec(run, i));
      dirs.add(dir);
    }
    // The index goes last: it links to pages that must already exist.
    Path runJson = runDir.resolve("run.json");
    put(runJson, JsonRenderer.renderRun(run));
    Path index = runDir.resolve("index.html");
    put(index, IndexRenderer.render(run));
    return new Written(index, runJson, dirs.build());
  }

  private static void put(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".report", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
