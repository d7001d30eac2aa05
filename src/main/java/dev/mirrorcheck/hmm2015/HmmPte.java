package dev.mirrorcheck.hmm2015;

import java.util.Objects;

/**
 * An immutable {@code hmm_pte} of the mirror page table ({@code include/linux/hmm_pt.h}, HMM v9
 * 06/15 "HMM: add HMM page table v3", with {@code hmm_pte_from_dma_addr} from 13/15): a pfn
 * ({@code VALID_PFN}) or a DMA address ({@code VALID_DMA}, modelled as the mapped frame), plus
 * {@code WRITE}, {@code DIRTY} and driver-private bits from {@link #HW_SHIFT} up. The driver bits
 * and {@code DIRTY} change with atomic bit operations outside the directory lock.
 */
public final class HmmPte {
  /** {@code HMM_PTE_VALID_DMA_BIT} (bit 0): the entry holds a DMA address. */
  public static final int VALID_DMA = 1;
  /** {@code HMM_PTE_VALID_PFN_BIT} (bit 1): the entry holds a pfn. */
  public static final int VALID_PFN = 1 << 1;
  /** {@code HMM_PTE_WRITE_BIT}. */
  public static final int WRITE = 1 << 2;
  /** {@code HMM_PTE_DIRTY_BIT}: set by the driver, turned into {@code set_page_dirty} by HMM. */
  public static final int DIRTY = 1 << 3;
  /** {@code HMM_PTE_HW_SHIFT}: first bit a device driver may use. */
  public static final int HW_SHIFT = 4;
  /** An all-ones {@code pte_mask}. */
  public static final int ALL = -1;
  /** The empty entry. */
  public static final HmmPte NONE = new HmmPte(-1, 0);

  private final int frame;
  private final int flags;

  private HmmPte(int frame, int flags) {
    this.frame = frame;
    this.flags = flags;
  }

  /** {@code hmm_pte_from_pfn} (06/15). */
  public static HmmPte fromPfn(int frame) {
    return new HmmPte(frame, VALID_PFN);
  }

  /** {@code hmm_pte_from_dma_addr} (13/15). */
  public static HmmPte fromDma(int frame) {
    return new HmmPte(frame, VALID_DMA);
  }

  /** The pfn or DMA-mapped frame; -1 when neither valid bit is set. */
  public int frame() {
    return frame;
  }

  public int flags() {
    return flags;
  }

  /** Whether any of {@code bits} is set ({@code hmm_pte_test_*}). */
  public boolean test(int bits) {
    return (flags & bits) != 0;
  }

  public boolean valid() {
    return test(VALID_PFN | VALID_DMA);
  }

  /** {@code hmm_pte_set_*} / {@code hmm_pte_set_bit}. */
  public HmmPte set(int bits) {
    return new HmmPte(frame, flags | bits);
  }

  /** {@code hmm_pte_clear_*} / {@code hmm_pte_clear_bit}. */
  public HmmPte clear(int bits) {
    return new HmmPte(frame, flags & ~bits);
  }

  /** {@code *hmm_pte &= pte_mask}: an entry left without a valid bit is empty. */
  public HmmPte and(int mask) {
    int f = flags & mask;
    return (f & (VALID_PFN | VALID_DMA)) == 0 ? NONE : new HmmPte(frame, f);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HmmPte && ((HmmPte) o).frame == frame && ((HmmPte) o).flags == flags;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frame, flags);
  }

  @Override
  public String toString() {
    if (!valid()) {
      return "hmm_pte(none)";
    }
    return "hmm_pte(" + (test(VALID_DMA) ? "dma " : "pfn ") + frame + (test(WRITE) ? ",W" : "")
        + (test(DIRTY) ? ",D" : "") + ((flags >>> HW_SHIFT) != 0 ? ",hw=" + (flags >>> HW_SHIFT) : "")
        + ")";
  }
}
