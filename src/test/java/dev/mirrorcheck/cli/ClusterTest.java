package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --cluster} with {@code mirrorcheck worker --cluster} members, each a JVM of its own
 * on 127.0.0.1: the verdict, the completed executions and the counterexamples are those of one
 * worker, also when a member is killed (SIGKILL) mid-run, and a coordinator killed mid-run resumes
 * from its checkpoint with {@code check --resume}. A plain check loads no class of the
 * cluster engine. Each test has its own cluster name and unusual ports, so that builds running at
 * the same time never join each other's cluster.
 */
@Timeout(180)
class ClusterTest {
  private static final String SPEC = "specs/file_read.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static JsonNode plain;
  private static JsonNode mutated;
  private static Map<String, String> mutatedCounterexamples;

  @BeforeAll
  static void oneWorker() throws Exception {
    Path classes = tmp.resolve("classes.log");
    Process p = jvm(List.of("-Xlog:class+load:file=" + classes), "check", SPEC, "--workers", "1",
        "--out", tmp.resolve("plain").toString());
    String out = finish(p, "plain check");
    assertEquals(ExitCode.PASS, p.exitValue(), out);
    plain = spec(tmp.resolve("plain"));
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains("dev.mirrorcheck.explore.ParallelSearch")
        || loaded.contains("dev.mirrorcheck.explore.DporSearch"), "no class log");
    assertFalse(loaded.contains("com.hazelcast"), "a plain check loaded the cluster engine");
    assertFalse(loaded.contains("dev.mirrorcheck.cluster."), "a plain check loaded the cluster");
    CliRun m = CliRun.of("check", SPEC, "--mutation", "M3", "--all", "--workers", "1",
        "--out", tmp.resolve("mutated").toString());
    assertEquals(ExitCode.VIOLATION, m.exit, m.toString());
    mutated = spec(tmp.resolve("mutated"));
    mutatedCounterexamples = counterexamples(m.runDir());
  }

  @Test
  void aViolationGetsOneWorkersCountsAndCounterexamples() throws Exception {
    Path config = config("violation", 5741);
    Process worker = jvm(List.of(), "worker", "--cluster", config.toString());
    Process coordinator = jvm(List.of(), "check", SPEC, "--mutation", "M3", "--all",
        "--workers", "1", "--cluster", config.toString(), "--out", tmp.resolve("c1").toString());
    String out = finish(coordinator, "coordinator");
    String wout = finish(worker, "worker");
    assertEquals(ExitCode.VIOLATION, coordinator.exitValue(), out);
    assertEquals(ExitCode.PASS, worker.exitValue(), wout);
    assertTrue(wout.contains("exploring spec " + SPEC), wout); // it took part
    assertTrue(wout.contains("the coordinator ended the run"), wout);
    JsonNode c = spec(tmp.resolve("c1"));
    assertSameExploration(mutated, c, out);
    assertEquals(mutatedCounterexamples, counterexamples(runDir(tmp.resolve("c1"))), out);
  }

  @Test
  void aMemberKilledMidRunLosesNothing() throws Exception {
    Path config = config("kill", 5751);
    Process victim = jvm(List.of(), "worker", "--cluster", config.toString(), "--workers", "2");
    Path log = tmp.resolve("victim.log");
    Process coordinator = jvm(List.of(), "check", SPEC, "--workers", "1", "--cluster",
        config.toString(), "--out", tmp.resolve("c2").toString());
    // the victim's output goes to a file; it says when it starts exploring the coordinator's run
    Thread pump = pump(victim, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.readString(log).contains("exploring spec") && System.nanoTime() < deadline
        && coordinator.isAlive()) {
      Thread.sleep(10);
    }
    Thread.sleep(300);
    victim.destroyForcibly(); // kill -9: its leases' outcomes never arrive
    assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
    pump.join();
    String out = finish(coordinator, "coordinator");
    assertEquals(ExitCode.PASS, coordinator.exitValue(), out + "\nvictim:\n" + Files.readString(log));
    assertTrue(out.contains("left; its unfinished leases are explored again here"), out);
    assertTrue(out.contains("is explored again here, from its start"), out);
    assertSameExploration(plain, spec(tmp.resolve("c2")), out);
  }

  @Test
  void aCoordinatorKilledMidRunResumesWithCheckResume() throws Exception {
    Path config = config("coordinator", 5771);
    Path dir = tmp.resolve("ck");
    Process member = jvm(List.of(), "worker", "--cluster", config.toString());
    Path log = tmp.resolve("member.log");
    Thread pump = pump(member, log);
    // interpreted, so that seconds pass between a checkpoint under way and the end of the search
    Process coordinator = jvm(List.of("-Xint"), "check", SPEC, "--workers", "1", "--cluster",
        config.toString(), "--checkpoint", dir.toString(), "--checkpoint-every", "1",
        "--out", tmp.resolve("c3").toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    boolean underWay = false;
    while (!underWay && System.nanoTime() < deadline && coordinator.isAlive()) {
      Thread.sleep(20);
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(
            CheckpointDir.SUFFIX))::iterator) {
          JsonNode n = JSON.readTree(f.toFile());
          underWay = !n.path("finished").asBoolean()
              && n.path("counts").path("executions").asLong() >= 50;
        }
      } catch (IOException e) {
        // not written yet
      }
    }
    coordinator.destroyForcibly(); // kill -9: no shutdown hook, the member loses its coordinator
    assertTrue(coordinator.waitFor(30, TimeUnit.SECONDS));
    assertTrue(underWay, () -> "no checkpoint of a search under way: " + tmp.resolve("c3"));
    member.destroyForcibly(); // it would leave too, once it notices
    assertTrue(member.waitFor(30, TimeUnit.SECONDS));
    pump.join();
    CliRun r = CliRun.of("check", SPEC, "--resume", dir.toString(), "--workers", "2", "--out",
        tmp.resolve("c3-resumed").toString());
    assertEquals(ExitCode.PASS, r.exit, r + "\nmember:\n" + Files.readString(log));
    assertSameCompleted(plain, spec(tmp.resolve("c3-resumed")), r.toString());
  }

  @Test
  void badClusterConfigsAreOneLineErrors() throws IOException {
    Path missing = tmp.resolve("missing.yaml");
    assertRefused(missing + ": no such cluster configuration file", "check", SPEC, "--cluster",
        missing.toString());
    Path unknown = Files.writeString(tmp.resolve("unknown.yaml"),
        "cluster: x\nmembers: [127.0.0.1:5761]\nmulticast: true\n");
    assertRefused(unknown + ": line 3: unknown key 'multicast'", "check", SPEC, "--cluster",
        unknown.toString());
    Path member = Files.writeString(tmp.resolve("member.yaml"),
        "cluster: x\nmembers:\n  - 127.0.0.1:99999\n");
    assertRefused(member + ": line 3: port '99999' is not a number in 1..65535", "worker",
        "--cluster", member.toString());
    Path noName = Files.writeString(tmp.resolve("noname.yaml"), "members: [127.0.0.1:5761]\n");
    assertRefused(noName + ": the cluster name is missing", "worker", "--cluster",
        noName.toString());
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "cluster: [x\n");
    assertRefused(bad + ": line 2: not valid YAML", "check", SPEC, "--cluster", bad.toString());
    Path ok = Files.writeString(tmp.resolve("ok.yaml"),
        "cluster: x\nmembers: [127.0.0.1:5761]\n");
  }

  private static void assertRefused(String message, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertEquals(1, r.errorLines().length, r.toString());
    assertTrue(r.err.contains(message), r.toString());
  }

  private static void assertSameCompleted(JsonNode one, JsonNode other, String out) {
    assertEquals(one.path("verdict").path("status").asText(),
        other.path("verdict").path("status").asText(), out);
    assertEquals(one.path("statistics").path("completed").asLong(),
        other.path("statistics").path("completed").asLong(), out);
  }

  private static void assertSameExploration(JsonNode one, JsonNode cluster, String out) {
    assertEquals(one.path("verdict").path("status").asText(),
        cluster.path("verdict").path("status").asText(), out);
    assertEquals(one.path("statistics").path("completed").asLong(),
        cluster.path("statistics").path("completed").asLong(), out);
    assertTrue(one.path("statistics").path("completed").asLong() > 500, one::toString);
    assertTrue(cluster.path("engine").asText().contains("cluster"), cluster::toString);
  }

  /** A configuration naming three members on 127.0.0.1 from {@code port}, and a unique name. */
  private static Path config(String name, int port) throws IOException {
    return Files.writeString(tmp.resolve(name + "-cluster.yaml"), String.format(
        "cluster: mirrorcheck-test-%s-%d%n"
            + "members: [127.0.0.1:%d, 127.0.0.1:%d, 127.0.0.1:%d]%n"
            + "port: %d%naddress: 127.0.0.1%n", name, ProcessHandle.current().pid(), port,
        port + 1, port + 2, port));
  }

  /** mirrorcheck in a JVM of its own, with this test's class path. */
  private static Process jvm(List<String> jvmArgs, String... args) throws IOException {
    List<String> cmd = LocalCluster.javaCommand();
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static Thread pump(Process p, Path log) throws IOException {
    Files.writeString(log, "");
    Thread t = new Thread(() -> {
      try (var in = p.getInputStream(); var out = Files.newOutputStream(log)) {
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the process died
      }
    });
    t.start();
    return t;
  }

  /** Waits for {@code p} (at most 120 s) and returns its output. */
  private static String finish(Process p, String what) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(what + " did not end:\n" + out);
    }
    return out;
  }

  private static Path runDir(Path out) throws IOException {
    try (var s = Files.list(out)) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private static JsonNode spec(Path out) throws IOException {
    return JSON.readTree(runDir(out).resolve("run.json").toFile()).path("specs").path(0);
  }

  /** Each counterexample file's property and schedule, by violation. */
  private static Map<String, String> counterexamples(Path runDir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (var s = Files.walk(runDir)) {
      for (Path f : (Iterable<Path>) s.filter(x -> x.getFileName().toString()
          .startsWith("counterexample-"))::iterator) {
        JsonNode c = JSON.readTree(f.toFile());
        JsonNode v = c.path("violation");
        out.put(v.path("property").asText() + " " + v.path("message").asText(),
            c.path("schedule").toString());
      }
    }
    return out;
  }
}
