package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "If the RDMA write returned ok, a later CPU read sees 7": the conditional expectation holds with
 * the correct protocol and catches the lost write of M11 on its own (with S4a off); a
 * condition that never holds checks nothing, and {@code after} orders the read after the write.
 */
class ConditionalExpectationTest {
  @TempDir Path tmp;

  private Path spec(String read) throws Exception {
    Path p = tmp.resolve("cond.yaml");
    Files.writeString(p, String.join("\n",
        "scenario: cond",
        "design: odp",
        "pages: 1",
        "frames: 3",
        "mappings:",
        "  - {anon: 0, perm: rw, populate: [10]}",
        "umems:",
        "  - {name: mr, pages: 0}",
        "actors:",
        // swapped out and back in clean and writable, so only the driver can dirty it (as in
        // swap_device_write); the HCA's write must survive the next pageout
        "  hca: [pageout 0, cpu-read 0, odp-fault 0 read, rdma-write 0 7 as w]",
        "  kswapd: [pageout 0 after w, " + read + "]",
        "properties: [S1, data]", // not S4a: only the data expectation can see the lost write
        ""));
    return p;
  }

  @Test
  void theWriteIsSeenWhenItReturnedOk() throws Exception {
    Path p = spec("cpu-read 0 expect 7 if w ok");
    CliRun ok = CliRun.of("check", p.toString(), "--out", tmp.toString());
    assertEquals(ExitCode.PASS, ok.exit, ok.toString());
    CliRun lost = CliRun.of("check", p.toString(), "--mutation", "M11", "--out", tmp.toString());
    assertEquals(ExitCode.VIOLATION, lost.exit, lost.toString());
    assertTrue(lost.out.contains("VIOLATION FOUND data"), lost.out);
  }

  @Test
  void anExpectationWhoseConditionNeverHoldsChecksNothing() throws Exception {
    CliRun r = CliRun.of("check", spec("cpu-read 0 expect 999 if w 12345").toString(),
        "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    CliRun always = CliRun.of("check", spec("cpu-read 0 expect 999").toString(),
        "--out", tmp.toString());
    assertEquals(ExitCode.VIOLATION, always.exit, always.toString());
  }
}
