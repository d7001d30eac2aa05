package dev.mirrorcheck.check;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.NativeSync;
import dev.mirrorcheck.sync.StateCheck;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A world for installing properties outside an exploration: it records what they declare. */
final class SetupWorld implements World {
  final NativeSync sync = new NativeSync(1);
  final List<String> invariants = new ArrayList<>();
  final List<String> endChecks = new ArrayList<>();

  @Override
  public Sync sync() {
    return sync;
  }

  @Override
  public Actor actor(String name, Runnable body) {
    throw new UnsupportedOperationException("no actors in a set-up world");
  }

  @Override
  public void invariant(String property, StateCheck check) {
    invariants.add(property);
  }

  @Override
  public void atEnd(String property, StateCheck check) {
    endChecks.add(property);
  }

  @Override
  public void finalState(Supplier<String> describe) {}
}
