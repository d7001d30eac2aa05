package dev.mirrorcheck.mutation;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;

/** An immutable set of enabled mutations; {@link #none()} is the correct protocol. */
public final class Mutations implements Iterable<Mutation> {
  private static final Mutations NONE = new Mutations(ImmutableSet.of());

  private final ImmutableSet<Mutation> set;

  private Mutations(ImmutableSet<Mutation> set) {
    this.set = set;
  }

  /** The correct protocol. */
  public static Mutations none() {
    return NONE;
  }

  public static Mutations of(Mutation... mutations) {
    return copyOf(Arrays.asList(mutations));
  }

  public static Mutations copyOf(Collection<Mutation> mutations) {
    return mutations.isEmpty()
        ? NONE
        : new Mutations(Sets.immutableEnumSet(EnumSet.copyOf(mutations)));
  }

  /** Whether the switch for {@code m} is on. */
  public boolean has(Mutation m) {
    return set.contains(m);
  }

  public boolean isEmpty() {
    return set.isEmpty();
  }

  public ImmutableSet<Mutation> asSet() {
    return set;
  }

  /** This set plus {@code m}. */
  public Mutations with(Mutation m) {
    EnumSet<Mutation> s = set.isEmpty() ? EnumSet.noneOf(Mutation.class) : EnumSet.copyOf(set);
    s.add(m);
    return new Mutations(Sets.immutableEnumSet(s));
  }

  @Override
  public Iterator<Mutation> iterator() {
    return set.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mutations && ((Mutations) o).set.equals(set);
  }

  @Override
  public int hashCode() {
    return set.hashCode();
  }

  @Override
  public String toString() {
    return set.isEmpty() ? "correct" : Joiner.on('+').join(set);
  }
}
