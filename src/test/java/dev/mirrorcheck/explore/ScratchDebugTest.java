package dev.mirrorcheck.explore;

import dev.mirrorcheck.selftest.*;
import java.nio.file.*;
import org.junit.jupiter.api.Test;

class ScratchDebugTest {
  static final class Tracing implements SearchStrategy {
    final DporSearch d = new DporSearch(-1);
    Trace trace;
    public void reset(Trace t) { trace = t; d.reset(t); }
    public void beginExecution() { d.beginExecution(); }
    public int schedule(int r, long en, long st, Execution ex) { return d.schedule(r, en, st, ex); }
    public int choose(int n) { return d.choose(n); }
    public int currentNode() { return d.currentNode(); }
    public boolean isNew() { return d.isNew(); }
    public void race(int e, int c, int[] cl, Execution ex) { System.out.println("  race " + e + "(" + trace.label[e] + ") ~ " + c + "(" + trace.label[c] + ")"); d.race(e, c, cl, ex); }
    public void raceWithPending(int e, int a, int[] cl, Execution ex) { System.out.println("  pending race " + e + " ~ actor " + a); d.raceWithPending(e, a, cl, ex); }
    public void closed(int e, Execution ex) { d.closed(e, ex); }
    public boolean nextExecution() {
      StringBuilder sb = new StringBuilder("exec:");
      for (int i = 0; i < trace.size; i++) sb.append(' ').append(trace.label[i]).append("@n").append(trace.node[i]);
      System.out.println(sb);
      return d.nextExecution();
    }
    public boolean exhaustive() { return true; }
  }

  @Test
  void debug() throws Exception {
    Program p = ProgramText.parse(Files.readString(Path.of(System.getProperty("prog"))));
    Result r = new Explorer(ExplorerOptions.builder().stopAtFirst(false).collectFinalStates(true)
        .reduce(false).strategy(Tracing::new).build()).explore(new FacadeProgram(p));
    System.out.println(r.finalStates());
  }
}
