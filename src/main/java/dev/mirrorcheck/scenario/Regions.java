package dev.mirrorcheck.scenario;

import dev.mirrorcheck.hmm2015.IbUcontextHmm;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.odp.IbUmemOdp;
import java.util.LinkedHashMap;
import java.util.Map;

/** The memory regions of one world, by name: typed per design, and as spec operations see them. */
final class Regions {
  final Map<String, IbUmemOdp> odp = new LinkedHashMap<>();
  final Map<String, IbUmemHmm> hmm = new LinkedHashMap<>();
  final Map<String, IbUmem> legacy = new LinkedHashMap<>();
  final Map<String, Region> all = new LinkedHashMap<>();
  /** The 2015 design's uverbs context holding every umem, or null. */
  IbUcontextHmm hmmContext;
}
