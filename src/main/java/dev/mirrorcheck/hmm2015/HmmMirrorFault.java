package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.CpuFault;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mm.Vma;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code hmm_mirror_fault} (HMM v9 08/15 "HMM: add device page fault support v4", its loop as 13/15
 * "HMM: DMA map memory on behalf of device driver v2" rewrote it): fill the mirror page table from
 * the CPU page table, DMA-map it and have the device program itself, strongly ordered against
 * invalidations: the fault registers in {@code device_faults} only while no overlapping
 * invalidation is active, checks {@code backoff} before and after the walk, and an invalidation
 * waits for it to leave before updating the device. The fault's temporary mirror reference ({@code
 * hmm_mirror_ref}) is not modelled (see {@link HmmMirror}); THP, {@code VM_IO}/{@code VM_PFNMAP}
 * VMAs and the {@code -EBUSY} of a retried {@code handle_mm_fault} are outside the model.
 */
public final class HmmMirrorFault {
  private HmmMirrorFault() {}

  /**
   * {@code hmm_mirror_fault} (08/15): retries from the top on {@code -EAGAIN}. Returns 0, {@code
   * -ENODEV} (mirror dead), {@code -EFAULT} (no VMA, or the CPU fault failed), {@code -EACCES}
   * (write fault on a read-only VMA), {@code -ENOMEM}, or the device's error.
   */
  public static int fault(HmmMirror mirror, String role, HmmEvent event) {
    Mm mm = mirror.mm();
    while (true) {
      if (mirror.dead().get(role + ":hmm_mirror_is_dead")) {
        return Errno.ENODEV;
      }
      mm.mmapLock().downRead(role + ":mmap_read_lock");
      int ret = faultLocked(mirror, role, event);
      mm.mmapLock().upRead(role + ":mmap_read_unlock");
      if (ret != Errno.EAGAIN) {
        return ret;
      }
    }
  }

  /**
   * The body under {@code mmap_sem} (08/15): VMA checks ({@code find_vma_intersection}, under
   * {@code mmap_sem} alone, as the kernel reads the VMA tree), then {@code
   * hmm_mirror_handle_fault}.
   */
  private static int faultLocked(HmmMirror mirror, String role, HmmEvent event) {
    Mm mm = mirror.mm();
    String label = role + ":find_vma_intersection";
    int[] vma = Steps.atomic(mm.sync(), label, () -> {
      Vma first = mm.vmas().get(label, event.start());
      if (first == null) {
        return null;
      }
      int e = event.start() + 1;
      while (e < event.end() && mm.vmas().get(label, e) == first) {
        e++;
      }
      return new int[] {e, first.write() ? 1 : 0};
    });
    if (vma == null) {
      return Errno.EFAULT;
    }
    event.clipEnd(vma[0]);
    if (event.etype() == HmmEtype.DEVICE_WFAULT && vma[1] == 0) {
      return Errno.EACCES;
    }
    return handleFault(mirror, role, event);
  }

  /** {@code hmm_mirror_handle_fault} (13/15's loop). */
  private static int handleFault(HmmMirror mirror, String role, HmmEvent event) {
    Hmm hmm = mirror.hmm();
    int ret = hmm.deviceFaultStart(role, mirror, event);
    if (ret != 0) {
      return ret;
    }
    int addr = event.start();
    while (true) {
      if (hmm.backoff(role, event)) {
        ret = Errno.EAGAIN;
        break;
      }
      if (addr >= event.end()) {
        ret = 0;
        break;
      }
      ret = walk(mirror, role, event, addr);
      if (ret != 0) {
        break;
      }
      if (hmm.backoff(role, event)) {
        ret = Errno.EAGAIN;
        break;
      }
      ret = dmaMap(mirror, role, addr, event.end());
      if (ret != 0) {
        break;
      }
      ret = deviceUpdate(mirror, role, event);
      if (ret != 0) {
        break;
      }
      addr = event.end();
    }
    hmm.deviceFaultEnd(role, mirror, event);
    if (ret == Errno.ENOENT) {
      ret = mmFault(mirror.mm(), role, event, addr);
      ret = ret != 0 ? ret : Errno.EAGAIN;
    }
    return ret;
  }

  /**
   * {@code hmm_mirror_fault_pmd} (08/15, with 13/15's skip of DMA-mapped entries): per directory,
   * under its lock (one step), {@code hmm_pte = pfn | WRITE} for every present CPU entry (writable
   * for a write fault); {@code -ENOENT} at the first that is not. Entries already DMA-mapped are
   * left alone, WRITE bit included.
   */
  private static int walk(HmmMirror mirror, String role, HmmEvent event, int addr) {
    Mm mm = mirror.mm();
    HmmPt pt = mirror.pt();
    boolean write = event.etype() == HmmEtype.DEVICE_WFAULT;
    String label = role + ":hmm_mirror_fault_pmd";
    for (int d = addr; d < event.end(); d = pt.directoryEnd(d, event.end())) {
      int lo = d;
      int hi = pt.directoryEnd(d, event.end());
      int r = Steps.atomic(mm.sync(), label, () -> {
        for (int v = lo; v < hi; v++) {
          Pte pte = mm.pt().get(label, v);
          if (!pte.isPresent() || (write && !pte.writable())) {
            return Errno.ENOENT;
          }
          HmmPte h = pt.ptes().get(label, v);
          if (h.test(HmmPte.VALID_DMA)) {
            continue;
          }
          if (!h.test(HmmPte.VALID_PFN)) {
            h = HmmPte.fromPfn(pte.frame());
          }
          if (pte.writable() && !h.test(HmmPte.WRITE)) {
            h = h.set(HmmPte.WRITE);
          }
          pt.ptes().set(label, v, h);
        }
        return 0;
      });
      if (r != 0) {
        return r;
      }
    }
    return 0;
  }

  /**
   * {@code hmm_mirror_dma_map} (13/15): for each pfn entry, {@code dma_map_page} outside the
   * directory lock, then under it replace the entry by the DMA address only if it is unchanged (its
   * DIRTY bit excepted, which is carried over); on a mismatch unmap and look again.
   */
  private static int dmaMap(HmmMirror mirror, String role, int start, int end) {
    Sync sync = mirror.mm().sync();
    HmmPt pt = mirror.pt();
    boolean cas = !mirror.hmm().mutations().has(Mutation.M26);
    for (int v = start; v < end; v++) {
      int page = v;
      while (true) {
        // ACCESS_ONCE(hmm_pte) and dma_map_page as one step: what may run between them is another
        // fault's compare-and-set or a kill's update, after which our own compare-and-set fails
        String map = role + ":dma_map_page";
        HmmPte pte = Steps.atomic(sync, map, () -> {
          HmmPte h = pt.ptes().get(map, page);
          if (h.test(HmmPte.VALID_PFN)) {
            mirror.dmaMapPageInStep(map, page, h.frame());
          }
          return h;
        });
        if (!pte.test(HmmPte.VALID_PFN)) {
          if (!pte.test(HmmPte.VALID_DMA)) {
            return Errno.ENOENT;
          }
          break;
        }
        String label = role + ":hmm_pte_cmpxchg";
        boolean stored = Steps.atomic(sync, label, () -> {
          HmmPte cur = pt.ptes().get(label, page);
          HmmPte expect = cur.test(HmmPte.DIRTY) ? pte.set(HmmPte.DIRTY) : pte;
          // M26: undoes hmm_mirror_dma_map's equality check (13/15): the DMA address is stored
          // whatever the entry became meanwhile
          if (cas && !cur.equals(expect)) {
            return false;
          }
          HmmPte dma = HmmPte.fromDma(pte.frame());
          dma = expect.test(HmmPte.WRITE) ? dma.set(HmmPte.WRITE) : dma;
          pt.ptes().set(label, page, expect.test(HmmPte.DIRTY) ? dma.set(HmmPte.DIRTY) : dma);
          return true;
        });
        if (stored) {
          break;
        }
        String unmap = role + ":dma_unmap_page";
        sync.atomic(unmap, () -> mirror.dmaUnmapPageInStep(unmap, page));
      }
    }
    return 0;
  }

  /** {@code device->ops->update(mirror, event)} for the fault itself (13/15). */
  private static int deviceUpdate(HmmMirror mirror, String role, HmmEvent event) {
    return mirror.device().ops().update(role, mirror, event);
  }

  /**
   * {@code hmm_mm_fault} (08/15): {@code handle_mm_fault} on every page from {@code addr} to the
   * end, still under {@code mmap_sem}.
   */
  private static int mmFault(Mm mm, String role, HmmEvent event, int addr) {
    boolean write = event.etype() == HmmEtype.DEVICE_WFAULT;
    for (int v = addr; v < event.end(); v++) {
      int r = CpuFault.handleMmFault(mm, role, v, write);
      if (r == CpuFault.VM_FAULT_OOM) {
        return Errno.ENOMEM;
      }
      if (r != 0) {
        return Errno.EFAULT;
      }
    }
    return 0;
  }
}
