package dev.mirrorcheck.report;

import com.google.common.base.Preconditions;

/** A mutation enabled in a scenario: its catalogue id (such as {@code M3}) and its one-line title. */
public record MutationRef(String id, String title) {
  public MutationRef {
    Preconditions.checkArgument(id != null && !id.isBlank(), "a mutation needs an id");
    title = title == null ? "" : title;
  }
}
