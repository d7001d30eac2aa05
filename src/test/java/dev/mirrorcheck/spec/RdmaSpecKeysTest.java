package dev.mirrorcheck.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RDMA spec keys and operation keywords: design-options variants, hcas, umems on an mm and an
 * HCA, implicit MRs, prefetch flags, retrying accesses, and as/if/after, with their errors.
 */
class RdmaSpecKeysTest {
  private static final String HEAD = String.join("\n",
      "scenario: rdma",
      "design: odp",
      "designs: [legacy-odp]",
      "pages: 2",
      "mappings:",
      "  - {anon: 0..1, perm: rw, populate: [10, 11]}",
      "");

  private static Spec parse(String rest) throws SpecException {
    return SpecParser.parse("rdma.yaml", HEAD + rest);
  }

  private static String error(String rest) {
    return assertThrows(SpecException.class, () -> parse(rest)).getMessage();
  }

  @Test
  void mkeyLifetimeListsVariantsOfOdpOnly() throws SpecException {
    Spec s = parse("design-options: {mkey-lifetime: [usecount, srcu]}\n"
        + "umems:\n  - {name: mr, pages: 0..1}\n"
        + "actors:\n  a: [odp-fault 0 read, mr-dereg]\nkills: {odp: [M19, M29, M30]}\n");
    assertEquals(DesignOptions.DEFAULT, s.options());
    assertEquals("rdma", s.name());
    assertEquals(List.of(Mutation.M19, Mutation.M29), s.kills(), "usecount variant: M30 is not");
    assertEquals(2, s.variants(Design.ODP).size());
    assertEquals(1, s.variants(Design.LEGACY_ODP).size());
    Spec srcu = s.in(Design.ODP, DesignOptions.of(MkeyLifetime.SRCU));
    assertEquals("rdma@odp.srcu", srcu.name());
    assertEquals("odp.srcu", srcu.variantLabel());
    assertEquals(List.of(Mutation.M19, Mutation.M30), srcu.kills());
    Spec legacy = s.in(Design.LEGACY_ODP, s.variants(Design.LEGACY_ODP).get(0));
    assertEquals("rdma@legacy-odp", legacy.name());
    assertTrue(legacy.kills().isEmpty());
  }

  @Test
  void designOptionErrorsNameTheLine() {
    String base = "umems:\n  - {name: mr, pages: 0..1}\nactors:\n  a: [odp-fault 0 read]\n";
    assertTrue(error("design-options: {mkey-lifetime: rcu}\n" + base)
        .matches("rdma.yaml:7: unknown mkey-lifetime 'rcu'.*"), "unknown value");
    assertTrue(error("design-options: {lifetime: srcu}\n" + base).contains("unknown key 'lifetime'"));
    assertTrue(error(base + "kills: [M30]\n").contains("M30 is a mutation of odp.srcu"));
    assertTrue(error(base + "mutations: [M30]\n").contains("M30 is a mutation of odp.srcu"));
  }

  @Test
  void umemsOnAChildMmAndSeveralHcas() throws SpecException {
    Spec s = parse("fork-child: true\nhcas: 2\numems:\n  - {name: a, pages: 0..1}\n"
        + "  - {name: b, pages: 0, mm: child, hca: 1}\nactors:\n  x: [fork]\n");
    assertEquals(2, s.hcas());
    assertEquals("child", s.umems().get(1).mm());
    assertEquals(1, s.umems().get(1).hca());
    assertEquals("mm", s.umems().get(0).mm());
    assertTrue(error("hcas: 2\numems:\n  - {name: a, pages: 0, hca: 2}\nactors:\n  x: [munmap 0]\n")
        .contains("hca must be in 0..1, got 2"));
    assertTrue(error("umems:\n  - {name: a, pages: 0, mm: child}\nactors:\n  x: [munmap 0]\n")
        .contains("set fork-child: true"));
  }

  @Test
  void implicitMrsExistInModernOdpWithUsecountOnly() throws SpecException {
    String body = "umems:\n  - {name: imr, implicit: true, child-pages: 1}\n"
        + "actors:\n  a: [odp-fault 0..1 read, rdma-read 1 retry expect 11|fault]\n";
    Spec s = SpecParser.parse("i.yaml", HEAD.replace("designs: [legacy-odp]\n", "") + body);
    assertTrue(s.umems().get(0).implicit());
    assertEquals(new PageRange(0, 1), s.umems().get(0).pages());
    assertEquals(2, s.childPool(s.umems().get(0)), "one fault, one retrying read");
    assertTrue(assertThrows(SpecException.class, () -> parse(body).in(Design.LEGACY_ODP))
        .getMessage().contains("implicit ODP MRs are modelled in design 'odp' only"));
    assertTrue(assertThrows(SpecException.class, () -> SpecParser.parse("i.yaml",
        HEAD.replace("designs: [legacy-odp]\n", "design-options: {mkey-lifetime: srcu}\n") + body))
        .getMessage().contains("mkey-lifetime usecount"));
    assertTrue(assertThrows(SpecException.class, () -> SpecParser.parse("i.yaml",
        HEAD.replace("designs: [legacy-odp]\n", "") + body.replace("rdma-read 1 retry", "mr-dereg,"
            + " rdma-read 1 retry"))).getMessage().contains("'mr-dereg' of an implicit MR"));
  }

  @Test
  void prefetchFlagsAndRetry() throws SpecException {
    Spec s = parse("umems:\n  - {name: mr, pages: 0..1}\nactors:\n"
        + "  a: [odp-prefetch 0..1 write flush, rdma-write 0 5 retry expect ok]\n");
    Op prefetch = s.actors().get("a").get(0);
    assertTrue(prefetch.flush());
    assertFalse(prefetch.noFault());
    assertTrue(s.actors().get("a").get(1).retry());
    assertTrue(assertThrows(SpecException.class, () -> parse("umems:\n  - {name: mr, pages: 0..1}\n"
        + "actors:\n  a: [odp-prefetch 0..1 no-fault]\n").in(Design.LEGACY_ODP)).getMessage()
        .contains("no-fault prefetch"));
    assertTrue(error("umems:\n  - {name: mr, pages: 0..1}\nactors:\n  a: [odp-fault 0 retry]\n")
        .contains("unexpected 'retry'"));
  }

  @Test
  void conditionalExpectations() throws SpecException {
    Spec s = parse("umems:\n  - {name: mr, pages: 0..1}\nactors:\n"
        + "  hca: [rdma-write 0 7 retry as w]\n"
        + "  cpu: [munmap 1 as m, cpu-read 0 after w expect 7 if w ok and m done]\n");
    Op read = s.actors().get("cpu").get(1);
    assertEquals(List.of("w"), read.after());
    assertEquals("[w ok, m done]", read.conditions().toString());
    assertEquals("w", s.actors().get("hca").get(0).as());
    String actors = "umems:\n  - {name: mr, pages: 0..1}\nactors:\n";
    assertTrue(error(actors + "  a: [cpu-read 0 expect 7 if x ok]\n")
        .contains("'if x': no operation is tagged 'as x'"));
    assertTrue(error(actors + "  a: [cpu-read 0 if x ok]\n").contains("has none"));
    assertTrue(error(actors + "  a: [munmap 0 as x, munmap 1 as x]\n").contains("used twice"));
    assertTrue(error(actors + "  a: [munmap 0 after x, munmap 1 as x]\n")
        .contains("its own actor runs later"));
    assertTrue(error(actors + "  a: [cpu-read 0 expect 7 if x maybe, munmap 1 as x]\n")
        .contains("ok, fault, done or a value"));
  }
}
