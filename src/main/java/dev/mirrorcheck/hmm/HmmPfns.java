package dev.mirrorcheck.hmm;

/**
 * The output array of {@code hmm_range_fault} ({@code range->hmm_pfns}), indexed by virtual page. A
 * fault-local array for dmirror; a shared array for ODP, whose {@code pfn_list} is written without the
 * driver lock.
 */
public interface HmmPfns {

  HmmPfn get(String label, int v);

  void set(String label, int v, HmmPfn pfn);

  /** A fault-local array for pages {@code [start, end)}. */
  static HmmPfns local(int start, int end) {
    HmmPfn[] a = new HmmPfn[end - start];
    java.util.Arrays.fill(a, HmmPfn.NONE);
    return new HmmPfns() {
      @Override
      public HmmPfn get(String label, int v) {
        return a[v - start];
      }

      @Override
      public void set(String label, int v, HmmPfn pfn) {
        a[v - start] = pfn;
      }
    };
  }
}
