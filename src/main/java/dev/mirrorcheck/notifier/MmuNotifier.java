package dev.mirrorcheck.notifier;

import com.google.common.base.Preconditions;

/** {@code struct mmu_notifier}: a classic subscription on the mm's hlist, covering every address. */
public final class MmuNotifier {
  private final String name;
  private final MmuNotifierOps ops;

  public MmuNotifier(String name, MmuNotifierOps ops) {
    this.name = name;
    this.ops = Preconditions.checkNotNull(ops);
  }

  public String name() {
    return name;
  }

  public MmuNotifierOps ops() {
    return ops;
  }

  @Override
  public String toString() {
    return name;
  }
}
