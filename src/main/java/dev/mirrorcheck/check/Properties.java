package dev.mirrorcheck.check;

import dev.mirrorcheck.sync.World;
import java.util.Collection;

/** Installing a selection of properties on a world. */
public final class Properties {
  private Properties() {}

  /** Installs {@code properties} in order; call while building the world, before actors run. */
  public static void install(World world, Subject subject, Collection<? extends Property> properties) {
    View view = null; // built once: it is read-only, and indexing the subject is a cost per execution
    for (Property p : properties) {
      if (p instanceof BaseProperty b) {
        view = view != null ? view : new View(subject);
        b.installOn(world, view);
      } else {
        p.install(world, subject);
      }
    }
  }

  /** Installs every property that applies to the subject's design. */
  public static void installAll(World world, Subject subject) {
    install(world, subject, PropertyCatalog.applicableTo(subject.design()));
  }
}
