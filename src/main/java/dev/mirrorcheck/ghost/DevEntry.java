package dev.mirrorcheck.ghost;

/** What the properties see of a device translation ({@code devPT[v]}, a device TLB or MTT entry). */
public interface DevEntry {

  int frame();

  boolean writable();

  /** Ghost: the frame's allocation generation when the translation was installed (S3 reuse). */
  int frameGen();

  /** Ghost: the page's invalidation generation when the translation was installed (S2). */
  int installGen();
}
