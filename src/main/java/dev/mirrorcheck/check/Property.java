package dev.mirrorcheck.check;

import com.google.common.collect.ImmutableSet;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.sync.World;

/**
 * One property of docs/properties.md (S1..S10, L1..L5) with the checks that decide it. Violations
 * carry {@link #id()} as their property id.
 */
public interface Property {

  /** The reference id: {@code "S1"}, {@code "S4a"}, {@code "L3"}. */
  String id();

  /** A short title. */
  String title();

  /** One paragraph saying exactly what a PASS means, in kernel and driver vocabulary. */
  String statement();

  /**
   * The other direction of the statement: how it is checked too, or why it is no safety property
   * (one sentence or two).
   */
  String converse();

  /** The designs the property is stated for. */
  ImmutableSet<Design> designs();

  /** How it is checked; several kinds when the property has state, event and end-of-run parts. */
  ImmutableSet<CheckedBy> checkedBy();

  /**
   * Installs the checks on a world being built (during set-up, before any actor runs): invariants and
   * end checks on {@code world}, event checks as ghost listeners on the subject's ghost.
   *
   * @throws IllegalArgumentException if the property does not apply to the subject's design
   */
  void install(World world, Subject subject);

  default boolean appliesTo(Design design) {
    return designs().contains(design);
  }
}
