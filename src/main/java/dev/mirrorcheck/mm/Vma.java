package dev.mirrorcheck.mm;

/**
 * An immutable {@code vm_area_struct} as seen by one page: permissions, private anonymous or shared
 * file-backed (shared anonymous memory is shmem, i.e. a file), and whether it is mapped by a
 * transparent huge page. Pages of one VMA share one instance; identity tells VMAs apart.
 */
public final class Vma {
  private final boolean read;
  private final boolean write;
  private final File file;
  private final int pgoff;
  private final boolean thp;

  private Vma(boolean read, boolean write, File file, int pgoff, boolean thp) {
    this.read = read;
    this.write = write;
    this.file = file;
    this.pgoff = pgoff;
    this.thp = thp;
  }

  /** {@code MAP_PRIVATE|MAP_ANONYMOUS}. */
  public static Vma anon(boolean read, boolean write) {
    return new Vma(read, write, null, 0, false);
  }

  /** {@code MAP_SHARED} of {@code file}; page {@code v} maps file page {@code v + pgoff}. */
  public static Vma shared(File file, int pgoff, boolean read, boolean write) {
    return new Vma(read, write, file, pgoff, false);
  }

  /** {@code VM_READ}. */
  public boolean read() {
    return read;
  }

  /** {@code VM_WRITE}. */
  public boolean write() {
    return write;
  }

  /** Whether the mapping is shared (file or shmem); private mappings are COW. */
  public boolean shared() {
    return file != null;
  }

  public File file() {
    return file;
  }

  /** The file page mapped at virtual page {@code v}. */
  public int fileIndex(int v) {
    return v + pgoff;
  }

  /** Mapped by one huge page: unmapping part of it splits the PMD first. */
  public boolean thp() {
    return thp;
  }

  /** The same mapping with new permissions (mprotect). */
  public Vma withProt(boolean r, boolean w) {
    return new Vma(r, w, file, pgoff, thp);
  }

  /** The same mapping, huge-page mapped or split. */
  public Vma withThp(boolean huge) {
    return new Vma(read, write, file, pgoff, huge);
  }

  @Override
  public String toString() {
    return (file == null ? "anon" : "shared(" + file.name() + ")") + (read ? " r" : " -")
        + (write ? "w" : "-") + (thp ? " thp" : "");
  }
}
