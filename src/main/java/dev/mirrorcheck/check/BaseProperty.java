package dev.mirrorcheck.check;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.sync.World;
import java.util.EnumSet;

/** Metadata and the design check shared by every property. */
abstract class BaseProperty implements Property {
  static final ImmutableSet<Design> ALL = Sets.immutableEnumSet(EnumSet.allOf(Design.class));

  private final String id;
  private final String title;
  private final ImmutableSet<Design> designs;
  private final ImmutableSet<CheckedBy> checkedBy;
  private final String statement;
  private final String converse;

  BaseProperty(String id, String title, ImmutableSet<Design> designs,
      ImmutableSet<CheckedBy> checkedBy, String statement, String converse) {
    this.id = id;
    this.title = title;
    this.designs = designs;
    this.checkedBy = checkedBy;
    this.statement = statement;
    this.converse = converse;
  }

  static ImmutableSet<Design> designs(Design first, Design... rest) {
    return Sets.immutableEnumSet(EnumSet.of(first, rest));
  }

  static ImmutableSet<CheckedBy> by(CheckedBy first, CheckedBy... rest) {
    return Sets.immutableEnumSet(EnumSet.of(first, rest));
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String title() {
    return title;
  }

  @Override
  public final String statement() {
    return statement;
  }

  @Override
  public final String converse() {
    return converse;
  }

  @Override
  public final ImmutableSet<Design> designs() {
    return designs;
  }

  @Override
  public final ImmutableSet<CheckedBy> checkedBy() {
    return checkedBy;
  }

  @Override
  public void install(World world, Subject subject) {
    installOn(world, new View(subject));
  }

  /** Installs the checks on a view several properties may share (one per execution, not per check). */
  final void installOn(World world, View view) {
    Preconditions.checkArgument(appliesTo(view.subject.design()),
        "%s (%s) does not apply to the %s design; it applies to %s", id, title,
        view.subject.design(), designs);
    install(world, view);
  }

  /** Installs the checks; the design has been checked. */
  abstract void install(World world, View view);

  /** Fails the running actor with a violation of this property. */
  final void fail(View view, String message) {
    view.sync.check(false, id, message);
  }

  @Override
  public String toString() {
    return id;
  }
}
