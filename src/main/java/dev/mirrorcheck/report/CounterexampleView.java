package dev.mirrorcheck.report;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.StepLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A violation as a report shows it: the finding, the replayed step log and actor names, whether the
 * replay reproduced it, how many executions reached it, the command that replays it and its file.
 */
public final class CounterexampleView {
  private final Finding finding;
  private final ImmutableList<StepLog.Step> steps;
  private final ImmutableList<String> actors;
  private final boolean reproduced;
  private final long reachedBy;
  private final String replayCommand;
  private final String file;

  private CounterexampleView(Builder b) {
    finding = b.finding;
    steps = ImmutableList.copyOf(b.steps);
    actors = ImmutableList.copyOf(b.actors);
    reproduced = b.reproduced;
    reachedBy = b.reachedBy;
    replayCommand = b.replayCommand;
    file = b.file;
  }

  public static Builder builder(Finding finding) {
    return new Builder(finding);
  }

  public Finding finding() {
    return finding;
  }

  /** The replayed steps, in order; the last one is where the violation showed. */
  public ImmutableList<StepLog.Step> steps() {
    return steps;
  }

  /** Actor names in creation order (the diagram's lanes). */
  public ImmutableList<String> actors() {
    return actors;
  }

  /** Whether replaying the schedule reached the same violation. */
  public boolean reproduced() {
    return reproduced;
  }

  /** Executions of the search that reached this violation, or 0 when unknown. */
  public long reachedBy() {
    return reachedBy;
  }

  /** The shell command that replays it, or {@code null}. */
  public String replayCommand() {
    return replayCommand;
  }

  /** The counterexample JSON file as the user should see it, or {@code null}. */
  public String file() {
    return file;
  }

  /** Collects the parts; only the finding is required. */
  public static final class Builder {
    private final Finding finding;
    private List<StepLog.Step> steps = List.of();
    private List<String> actors = List.of();
    private boolean reproduced = true;
    private long reachedBy;
    private String replayCommand;
    private String file;

    private Builder(Finding finding) {
      this.finding = Objects.requireNonNull(finding, "finding");
    }

    /** Steps, actors and whether it reproduced, from a replay of the finding's schedule. */
    public Builder replay(Replay replay) {
      steps = replay.steps();
      actors = replay.actors();
      reproduced = replay.reproduces(finding);
      return this;
    }

    public Builder steps(List<StepLog.Step> v) {
      steps = Objects.requireNonNull(v);
      return this;
    }

    public Builder actors(List<String> v) {
      actors = Objects.requireNonNull(v);
      return this;
    }

    public Builder reproduced(boolean v) {
      reproduced = v;
      return this;
    }

    public Builder reachedBy(long v) {
      Preconditions.checkArgument(v >= 0, "reachedBy must not be negative, got %s", v);
      reachedBy = v;
      return this;
    }

    public Builder replayCommand(String v) {
      replayCommand = v;
      return this;
    }

    public Builder file(String v) {
      file = v;
      return this;
    }

    public Builder file(Path v) {
      file = v == null ? null : v.toString();
      return this;
    }

    public CounterexampleView build() {
      return new CounterexampleView(this);
    }
  }
}
