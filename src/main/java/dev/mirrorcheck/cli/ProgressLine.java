package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Progress;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress of a running exploration on stderr. On a terminal it is one line, rewritten in place as
 * snapshots arrive and erased when the exploration ends; in a log (stderr redirected) it is a line at
 * most every {@value #LOG_INTERVAL_SECONDS} seconds, so a long run leaves a readable trace and a short
 * one none. What a line says is {@link #describe(Progress)}: extend it there.
 */
final class ProgressLine implements Consumer<Progress>, AutoCloseable {
  static final int LOG_INTERVAL_SECONDS = 10;

  /** Where the lines go. */
  enum Mode {
    /** An interactive terminal: one line, updated with carriage returns. */
    TERMINAL,
    /** A file or pipe: whole lines, at most one per interval. */
    LOG
  }

  private final PrintWriter err;
  private final String subject;
  private final Mode mode;
  private final LongSupplier nanos;
  private long lastPrinted;
  private int shownWidth;

  ProgressLine(PrintWriter err, String subject, Mode mode, LongSupplier nanos) {
    this.err = err;
    this.subject = subject;
    this.mode = mode;
    this.nanos = nanos;
    this.lastPrinted = nanos.getAsLong();
  }

  /** Progress for {@code subject} on {@code err}, as a terminal line when mirrorcheck runs in one. */
  static ProgressLine of(PrintWriter err, String subject) {
    return new ProgressLine(err, subject, System.console() != null ? Mode.TERMINAL : Mode.LOG,
        System::nanoTime);
  }

  @Override
  public void accept(Progress p) {
    long now = nanos.getAsLong();
    String text = "mirrorcheck: " + subject + ": " + describe(p);
    if (mode == Mode.TERMINAL) {
      StringBuilder sb = new StringBuilder("\r").append(text);
      // Blank out what a longer previous line left behind.
      sb.append(" ".repeat(Math.max(0, shownWidth - text.length())));
      shownWidth = text.length();
      err.print(sb);
      err.flush();
      lastPrinted = now;
    } else if (now - lastPrinted >= LOG_INTERVAL_SECONDS * 1_000_000_000L) {
      err.println(text);
      err.flush();
      lastPrinted = now;
    }
  }

  /** The words of one progress line. */
  static String describe(Progress p) {
    return p.toString();
  }

  /** Erases the terminal line (a log needs nothing). */
  @Override
  public void close() {
    if (mode == Mode.TERMINAL && shownWidth > 0) {
      err.print("\r" + " ".repeat(shownWidth) + "\r");
      err.flush();
      shownWidth = 0;
    }
  }
}
