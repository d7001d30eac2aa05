package dev.mirrorcheck.cli;

import com.google.common.hash.Hashing;
import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.Checkpointing;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The directory of {@code check --checkpoint DIR} / {@code --resume DIR}: one checkpoint file per
 * (scenario, design variant), named after both. A file belongs to one spec text, one set of
 * mutations and properties and one set of exploring options; a resume with anything else is refused.
 */
final class CheckpointDir {
  static final String SUFFIX = ".checkpoint.json";

  private final Path dir;
  private final Duration every;
  private final boolean resume;
  /** The files of the explorations this run makes (to refuse a resume of other ones). */
  private final Set<Path> mine = new TreeSet<>();
  /** The checkpoint of the exploration running now, for the shutdown hook. */
  private volatile Checkpointing current;

  private CheckpointDir(Path dir, Duration every, boolean resume) {
    this.dir = dir;
    this.every = every;
    this.resume = resume;
  }

  /**
   * The directory given by {@code --checkpoint} or {@code --resume} (null when neither), checked:
   * a resume needs a directory with checkpoints in it.
   */
  static CheckpointDir of(Path checkpoint, Path resume, long everySeconds) {
    if (checkpoint != null && resume != null && !checkpoint.equals(resume)) {
      throw new UserError("--checkpoint " + checkpoint + " and --resume " + resume + ": a resumed "
          + "run goes on saving where it resumed from; give one of them");
    }
    if (everySeconds <= 0) {
      throw new UserError("--checkpoint-every must be a positive number of seconds, got "
          + everySeconds);
    }
    if (checkpoint == null && resume == null) {
      return null;
    }
    if (resume != null && files(resume).isEmpty()) {
      throw new UserError(resume + ": no checkpoint to resume (a directory written by check "
          + "--checkpoint holds *" + SUFFIX + " files)");
    }
    if (checkpoint != null) {
      try {
        Files.createDirectories(checkpoint);
      } catch (IOException e) {
        throw new UserError("--checkpoint " + checkpoint + ": cannot create the directory ("
            + Main.oneLine(String.valueOf(e.getMessage())) + ")");
      }
    }
    Path dir = resume != null ? resume : checkpoint;
    if (!Files.isWritable(dir)) {
      throw new UserError(dir + ": the checkpoint directory is not writable");
    }
    return new CheckpointDir(dir, Duration.ofSeconds(everySeconds), resume != null);
  }

  /**
   * The checkpoint of one spec's exploration with {@code options}; when resuming, its file (if any)
   * must belong to it, or a one-line {@link UserError} says why not.
   */
  Checkpointing forSpec(Spec spec, Mutations mutations, List<Property> properties, boolean data,
      ExplorerOptions options) {
    Path file = dir.resolve(SafeNames.of(spec.name() + "." + spec.variantLabel()) + SUFFIX);
    mine.add(file.toAbsolutePath().normalize());
    Checkpointing ck = Checkpointing.of(file, identity(spec, mutations, properties, data), every,
        resume);
    if (resume) {
      try {
        ck.verify(options);
      } catch (IllegalArgumentException e) {
        throw new UserError(Main.oneLine(e.getMessage()));
      }
    }
    return ck;
  }

  /** After every spec's {@link #forSpec}: a resume must not leave checkpoints of other runs aside. */
  void checkNoForeignFiles() {
    if (!resume) {
      return;
    }
    for (Path f : files(dir)) {
      if (!mine.contains(f.toAbsolutePath().normalize())) {
        throw new UserError(f + ": a checkpoint of a scenario or design this run does not check; "
            + "resume with the same specs and options as the run that wrote it");
      }
    }
  }

  /** Makes {@code ck} the one the shutdown hook saves. */
  void running(Checkpointing ck) {
    current = ck;
  }

  /**
   * For the shutdown hook: saves the running exploration's frontier, waiting up to ten seconds;
   * returns a line for stderr, or null when nothing runs.
   */
  String saveOnExit() {
    Checkpointing ck = current;
    if (ck == null) {
      return null;
    }
    return ck.saveNow(Duration.ofSeconds(10))
        ? "checkpoint saved in " + dir + "; continue with the same command and --resume " + dir
        : "checkpoint not saved in time; " + dir + " holds the previous one (--resume " + dir + ")";
  }

  Path dir() {
    return dir;
  }

  /** What a checkpoint file belongs to, in words; the spec's text enters as a hash. */
  private static String identity(Spec spec, Mutations mutations, List<Property> properties,
      boolean data) {
    List<String> muts = new ArrayList<>();
    for (Mutation m : mutations.asSet()) {
      muts.add(m.id());
    }
    List<String> props = new ArrayList<>();
    for (Property p : properties) {
      props.add(p.id());
    }
    String hash = Hashing.sha256().hashString(spec.text(), StandardCharsets.UTF_8).toString();
    return "scenario=" + spec.name() + " design=" + spec.variantLabel() + " spec-sha256="
        + hash.substring(0, 16) + " mutations=" + String.join("/", muts) + " properties="
        + String.join("/", props) + " data=" + data;
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UserError(dir + ": cannot list the checkpoints (" + e.getMessage() + ")");
    }
  }
}
