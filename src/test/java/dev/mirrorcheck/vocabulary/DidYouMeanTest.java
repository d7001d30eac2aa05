package dev.mirrorcheck.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<String> OPS = List.of("munmap", "madvise-dontneed", "mprotect",
      "device-fault", "dma-read", "dma-write", "odp-fault", "odp-prefetch");

  @Test
  void closeNamesAreSuggestedClosestFirst() {
    assertEquals(List.of("munmap"), DidYouMean.suggest("munmapp", OPS));
    assertEquals(List.of("munmap"), DidYouMean.suggest("MUNMAP", OPS));
    assertEquals(List.of("dma-read"), DidYouMean.suggest("dma-raed", OPS));
    assertEquals(List.of("device-fault"), DidYouMean.suggest("device-falt", OPS));
    assertEquals(List.of("odp-prefetch"), DidYouMean.suggest("odp-pre", OPS));
  }

  @Test
  void farNamesGetNoSuggestion() {
    assertEquals(List.of(), DidYouMean.suggest("fork", OPS));
    assertEquals("", DidYouMean.hint("", OPS));
  }

  @Test
  void hintsReadAsASentence() {
    assertEquals("; did you mean 'S1'?", DidYouMean.hint("s1", List.of("S1", "S3", "L1")));
    assertEquals("; did you mean 'M4', 'M14' or 'M24'?",
        DidYouMean.hint("M44", List.of("M1", "M4", "M14", "M24", "M28")));
    assertEquals(1, DidYouMean.distance("ab", "ba"));
    assertEquals(3, DidYouMean.distance("", "abc"));
  }
}
