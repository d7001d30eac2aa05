package dev.mirrorcheck.check;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.vocabulary.DidYouMean;

/** Every property of docs/properties.md, in its order. */
public final class PropertyCatalog {
  private static final ImmutableList<Property> ALL = ImmutableList.of(
      new MirrorCoherence(), new StaleTranslation(), new UseAfterFree(), new DirtyAccounting(),
      new MigrationCopy(), new Permissions(), new CowIsolation(), new RetrySoundness(),
      new NotifierCore(), new SubscriptionLifetime(), new DriverBookkeeping(),
      new DeadlockFreedom(), new InvalidationProgress(), new FaultProgress(), new NoLostWakeup(),
      new BackoffHonoured());

  private PropertyCatalog() {}

  /** S1, S2, S3, S4a, S4b, S5..S10, L1..L5. */
  public static ImmutableList<Property> all() {
    return ALL;
  }

  /** The ids in catalogue order. */
  public static ImmutableList<String> ids() {
    return ALL.stream().map(Property::id).collect(ImmutableList.toImmutableList());
  }

  /**
   * The property with this id (case-insensitive, e.g. {@code "s4a"}).
   *
   * @throws IllegalArgumentException naming the valid ids
   */
  public static Property byId(String id) {
    for (Property p : ALL) {
      if (p.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown property '" + id + "'"
        + DidYouMean.hint(id, ids()) + " (valid ids: " + Joiner.on(", ").join(ids()) + ")");
  }

  /** The properties stated for {@code design}, in catalogue order. */
  public static ImmutableList<Property> applicableTo(Design design) {
    return ALL.stream().filter(p -> p.appliesTo(design)).collect(ImmutableList.toImmutableList());
  }
}
