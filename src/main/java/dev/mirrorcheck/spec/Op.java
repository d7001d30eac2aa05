package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;

/**
 * One operation of an actor, as written in a spec: its kind and arguments, with the line it came from.
 */
public final class Op {
  private final OpKind kind;
  private final int line;
  private final String text;
  private final PageRange range;
  private final int value;
  private final String perm;
  private final String name;
  private final int index;
  private final boolean write;
  private final int device;
  private final String umem;
  private final String mm;
  private final ImmutableList<Expectation> expectations;
  private final Flags flags;

  /** The optional keywords that switch a variant of the operation, and its result tagging. */
  static final class Flags {
    boolean retry;
    boolean flush;
    boolean noFault;
    String as;
    final java.util.List<Condition> conditions = new java.util.ArrayList<>();
    final java.util.List<String> after = new java.util.ArrayList<>();
  }

  Op(OpKind kind, int line, String text, PageRange range, int value, String perm, String name,
      int index, boolean write, int device, String umem, String mm,
      ImmutableList<Expectation> expectations, Flags flags) {
    this.kind = kind;
    this.line = line;
    this.text = text;
    this.range = range;
    this.value = value;
    this.perm = perm;
    this.name = name;
    this.index = index;
    this.write = write;
    this.device = device;
    this.umem = umem;
    this.mm = mm;
    this.expectations = expectations;
    this.flags = flags;
  }

  public OpKind kind() {
    return kind;
  }

  /** Line in the spec file. */
  public int line() {
    return line;
  }

  /** The operation as written. */
  public String text() {
    return text;
  }

  /** The page range (a single page for page operations), or null. */
  public PageRange range() {
    return range;
  }

  public int page() {
    return range.first();
  }

  public int value() {
    return value;
  }

  /** {@code ro}, {@code rw} or {@code none} for mprotect. */
  public String perm() {
    return perm;
  }

  /** A file or umem name argument. */
  public String name() {
    return name;
  }

  /** A page index within a file. */
  public int index() {
    return index;
  }

  /** Write access requested ({@code write} keyword). */
  public boolean write() {
    return write;
  }

  /** Device index ({@code dev N}), 0 by default. */
  public int device() {
    return device;
  }

  /** Umem name ({@code umem NAME}), or null for the spec's first umem. */
  public String umem() {
    return umem;
  }

  /** Address space ({@code mm NAME}: {@code mm} or {@code child}), or null for {@code mm}. */
  public String mm() {
    return mm;
  }

  /** Whether the operation has an {@code expect} clause. */
  public boolean hasExpectation() {
    return !expectations.isEmpty();
  }

  /**
   * What the {@code expect} clause allows for the {@code i}-th page of the range: its own entry
   * ({@code expect 10/11|fault}) or the clause's only one; null without a clause.
   */
  public Expectation expectation(int i) {
    return expectations.isEmpty() ? null : expectations.get(expectations.size() == 1 ? 0 : i);
  }

  /** Values a read may return ({@code expect 10|77}) on its first page; empty when any will do. */
  public ImmutableList<Integer> expectValues() {
    return hasExpectation() ? expectation(0).values() : ImmutableList.of();
  }

  /** Whether a fault is an acceptable outcome on the first page. */
  public boolean expectFault() {
    return hasExpectation() && expectation(0).fault();
  }

  /** {@code expect ok}: the operation must succeed, whatever it returns. */
  public boolean expectOk() {
    return hasExpectation() && expectation(0).ok();
  }

  /** {@code retry}: an HCA access that faults and retries by itself. */
  public boolean retry() {
    return flags.retry;
  }

  /** {@code flush}: a prefetch that completes before the call returns. */
  public boolean flush() {
    return flags.flush;
  }

  /** {@code no-fault}: a prefetch in snapshot mode ({@code PREFETCH_NO_FAULT}). */
  public boolean noFault() {
    return flags.noFault;
  }

  /** The name its result is recorded under ({@code as NAME}), or null. */
  public String as() {
    return flags.as;
  }

  /**
   * The operations it waits for ({@code after NAME}, repeatable): it starts once each operation
   * tagged {@code as NAME} has completed.
   */
  public ImmutableList<String> after() {
    return ImmutableList.copyOf(flags.after);
  }

  /**
   * The conditions of its expectation ({@code if NAME RESULT [and ...]}): the expect clause applies
   * only when each holds as the operation starts. Empty: it always applies.
   */
  public ImmutableList<Condition> conditions() {
    return ImmutableList.copyOf(flags.conditions);
  }

  @Override
  public String toString() {
    return text;
  }
}
