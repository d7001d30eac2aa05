package dev.mirrorcheck.check;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.World;
import java.util.Collection;

/**
 * A small world with a correct and a broken variant (a catalogue mutation switched on, or a
 * deliberately broken operation), checked by a selection of properties.
 */
@FunctionalInterface
interface Scenario {

  void build(World world, boolean broken, Collection<Property> properties);

  default Harness harness(boolean broken, Collection<Property> properties) {
    return world -> build(world, broken, properties);
  }
}
