package dev.mirrorcheck.report;

/**
 * What a report says about one protocol step of a design: the component whose model labels it, the
 * kernel code it models, and, when the shipped scenario library never reaches it, why.
 *
 * @param component such as {@code notifier core} or {@code dmirror driver}; empty when not given
 * @param models the kernel function or code path; empty when not given
 * @param notInLibrary why no shipped scenario reaches it, or null
 */
public record LabelInfo(String component, String models, String notInLibrary) {
  /** A label given without a description. */
  public static final LabelInfo UNDESCRIBED = new LabelInfo("", "", null);

  public LabelInfo {
    component = component == null ? "" : component;
    models = models == null ? "" : models;
  }
}
