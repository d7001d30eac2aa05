/**
 * Proof-of-correctness reports: an immutable model of a run ({@link dev.mirrorcheck.report.RunReport},
 * one {@link dev.mirrorcheck.report.SpecReport} per scenario) and its renderings as Markdown, a
 * self-contained HTML page with an inline SVG sequence diagram per counterexample, and JSON with a
 * documented schema ({@code docs/report-schema.json}) for CI.
 *
 * <p>A command fills the model from an exploration and writes it with
 * {@link dev.mirrorcheck.report.ReportWriter#write}:
 *
 * <pre>{@code
 * SpecReport spec = SpecReport.builder("fault-vs-munmap")
 *     .source("specs/fault-vs-munmap.yaml", yamlText).design("modern")
 *     .options(SpecReport.optionsOf(options)).result(result)
 *     .counterexample(CounterexampleView.builder(finding).replay(replay).file(json)
 *         .replayCommand("./mirrorcheck replay " + json).build())
 *     .property(PropertyVerdict.of("S3", title, statement, counterexamples))
 *     .expectedLabels(labelsTheDesignCanEmit).warning(vacuityWarning).build();
 * ReportWriter.write(RunReport.builder(runId, start).spec(spec).build(), runDir);
 * }</pre>
 */
package dev.mirrorcheck.report;
