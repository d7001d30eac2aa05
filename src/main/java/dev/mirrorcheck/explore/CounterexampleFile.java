package dev.mirrorcheck.explore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes counterexamples as JSON ({@value #FORMAT}). Reading validates everything and
 * reports the first problem in one line naming the file, the line when the JSON itself is malformed,
 * and the offending field otherwise.
 */
public final class CounterexampleFile {
  /** The format tag this version writes and reads. */
  public static final String FORMAT = "mirrorcheck-counterexample/1";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private CounterexampleFile() {}

  /** A counterexample file that cannot be read or does not hold a valid counterexample. */
  public static final class InvalidFileException extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidFileException(String message) {
      super(message);
    }
  }

  /**
   * Writes {@code cx} to {@code file} (creating parent directories), replacing it atomically where
   * the file system allows, so a reader never sees half a file.
   */
  public static void write(Path file, Counterexample cx) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String json = MAPPER.writer(new LinePrettyPrinter()).writeValueAsString(toJson(cx, file)) + "\n";
    Path tmp = Files.createTempFile(dir, ".counterexample", ".tmp");
    try {
      Files.writeString(tmp, json);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a counterexample; any problem is an {@link InvalidFileException} with a one-line message. */
  public static Counterexample read(Path file) throws InvalidFileException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidFileException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidFileException(file + ": permission denied");
    } catch (IOException e) {
      throw new InvalidFileException(file + ": cannot read: "
          + (Files.isDirectory(file) ? "it is a directory" : oneLine(String.valueOf(e.getMessage()))));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? ""
          : " line " + at.getLineNr() + ", column " + at.getColumnNr() + ":";
      throw new InvalidFileException(
          file + ":" + where + " malformed JSON: " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidFileException(
          file + ": cannot read: " + oneLine(String.valueOf(e.getMessage())));
    }
    return new Parser(file).counterexample(root);
  }

  /** {@code s} as one shell word: unchanged when safe, else single-quoted. */
  public static String shellWord(String s) {
    return s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Jackson messages can span lines and quote source snippets; a user gets one short line. */
  static String oneLine(String message) {
    String m = message.replaceAll("\\s*\\(start marker at \\[Source:[^]]*\\]\\)", "")
        .replaceAll("\\s*at \\[Source:[^]]*\\]", "");
    return m.replaceAll("\\s+", " ").trim();
  }

  private static ObjectNode toJson(Counterexample cx, Path file) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode harness = root.putObject("harness");
    harness.put("kind", cx.harness().kind());
    ObjectNode params = harness.putObject("params");
    cx.harness().params().forEach(params::put);
    Finding f = cx.finding();
    ObjectNode violation = root.putObject("violation");
    violation.put("kind", f.kind().name());
    violation.put("property", f.property());
    violation.put("message", f.message());
    violation.put("actor", f.actor());
    violation.put("steps", f.steps());
    ArrayNode schedule = root.putArray("schedule");
    for (Decision d : f.schedule()) {
      ObjectNode n = schedule.addObject();
      if (d.isChoice()) {
        n.put("choose", d.choice());
      } else {
        n.put("actor", d.actor());
        n.put("name", d.actorName());
      }
    }
    if (cx.steps().isPresent()) {
      ArrayNode steps = root.putArray("steps");
      for (StepLog.Step s : cx.steps().get()) {
        ObjectNode n = steps.addObject();
        n.put("index", s.index());
        n.put("actor", s.actor());
        n.put("label", s.label());
        ArrayNode accesses = n.putArray("accesses");
        for (StepLog.Access a : s.accesses()) {
          accesses.addObject()
              .put("object", a.object()).put("op", a.operation()).put("value", a.value());
        }
      }
    }
    root.put("replay", "./mirrorcheck replay " + shellWord(file.toString()));
    return root;
  }

  /**
   * Indents the top two levels and writes anything deeper on one line, so that each schedule decision
   * and each step is one line: easy to read, to diff and to edit by hand.
   */
  private static final class LinePrettyPrinter
      implements PrettyPrinter, Instantiatable<LinePrettyPrinter> {
    private int depth; // containers currently open

    @Override
    public LinePrettyPrinter createInstance() {
      return new LinePrettyPrinter(); // depth is per document
    }

    private boolean multiLine() {
      return depth <= 2;
    }

    private void newline(JsonGenerator g, int level) throws IOException {
      g.writeRaw("\n" + "  ".repeat(level));
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      if (multiLine()) {
        newline(g, depth);
      }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      separator(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      end(g, entries, '}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
      depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (multiLine()) {
        newline(g, depth);
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      separator(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      end(g, values, ']');
    }

    private void separator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      if (multiLine()) {
        newline(g, depth);
      } else {
        g.writeRaw(' ');
      }
    }

    private void end(JsonGenerator g, int items, char close) throws IOException {
      if (items > 0 && multiLine()) {
        newline(g, depth - 1);
      }
      depth--;
      g.writeRaw(close);
    }
  }

  /** Validates a parsed document; each error names the JSON path of the offending value. */
  private static final class Parser {
    private final Path file;

    Parser(Path file) {
      this.file = file;
    }

    Counterexample counterexample(JsonNode root) throws InvalidFileException {
      if (root == null || root.isMissingNode()) {
        throw new InvalidFileException(file + ": empty file, expected a JSON object");
      }
      if (!root.isObject()) {
        throw new InvalidFileException(
            file + ": expected a JSON object at the top level, got " + describe(root));
      }
      JsonNode format = root.get("format");
      if (format == null) {
        throw new InvalidFileException(
            file + ": not a mirrorcheck counterexample (no \"format\" field)");
      }
      if (!format.isTextual() || !format.asText().equals(FORMAT)) {
        throw new InvalidFileException(file + ": unsupported format " + format
            + " (this version reads \"" + FORMAT + "\")");
      }
      HarnessRef harness = harness(object(root, "harness", "harness"));
      List<Decision> schedule = schedule(array(root, "schedule", "schedule"));
      Finding finding = finding(object(root, "violation", "violation"), schedule);
      JsonNode steps = root.get("steps");
      if (steps == null || steps.isNull()) {
        return Counterexample.of(harness, finding);
      }
      return Counterexample.of(harness, finding, steps(array(root, "steps", "steps")));
    }

    private HarnessRef harness(JsonNode node) throws InvalidFileException {
      String kind = text(node, "kind", "harness.kind");
      JsonNode params = node.get("params");
      Map<String, String> map = new LinkedHashMap<>();
      if (params != null && !params.isNull()) {
        if (!params.isObject()) {
          throw error("harness.params",
              "expected an object of name/value pairs, got " + describe(params));
        }
        for (Map.Entry<String, JsonNode> e : params.properties()) {
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw error("harness.params." + e.getKey(),
                "expected a string or number, got " + describe(e.getValue()));
          }
          map.put(e.getKey(), e.getValue().asText());
        }
      }
      try {
        return HarnessRef.of(kind, map);
      } catch (IllegalArgumentException e) {
        throw error("harness", e.getMessage());
      }
    }

    private Finding finding(JsonNode node, List<Decision> schedule) throws InvalidFileException {
      String kindName = text(node, "kind", "violation.kind");
      Finding.Kind kind;
      try {
        kind = Finding.Kind.valueOf(kindName);
      } catch (IllegalArgumentException e) {
        throw error("violation.kind", "unknown kind \"" + kindName + "\" (expected one of "
            + java.util.Arrays.toString(Finding.Kind.values()) + ")");
      }
      String property = optionalText(node, "property", "violation.property");
      String message = text(node, "message", "violation.message");
      String actor = optionalText(node, "actor", "violation.actor");
      int steps = integer(node, "steps", "violation.steps", 0, Integer.MAX_VALUE);
      return new Finding(kind, property, message, actor, schedule, steps);
    }

    private List<Decision> schedule(JsonNode array) throws InvalidFileException {
      List<Decision> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        String path = "schedule[" + i + "]";
        JsonNode d = array.get(i);
        if (!d.isObject()) {
          throw error(path,
              "expected {\"actor\": N, \"name\": ...} or {\"choose\": N}, got " + describe(d));
        }
        if (d.has("choose")) {
          if (d.has("actor")) {
            throw error(path, "has both \"actor\" and \"choose\"");
          }
          out.add(Decision.choice(integer(d, "choose", path + ".choose", 0, Integer.MAX_VALUE - 1)));
        } else if (d.has("actor")) {
          int actor = integer(d, "actor", path + ".actor", 0, Trace.MAX_ACTORS - 1);
          String name = optionalText(d, "name", path + ".name");
          out.add(Decision.run(actor, name == null ? "actor" + actor : name));
        } else {
          throw error(path, "needs \"actor\" (a scheduling decision) or \"choose\" (a choice)");
        }
      }
      return out;
    }

    private List<StepLog.Step> steps(JsonNode array) throws InvalidFileException {
      List<StepLog.Step> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        String path = "steps[" + i + "]";
        JsonNode s = array.get(i);
        if (!s.isObject()) {
          throw error(path, "expected an object, got " + describe(s));
        }
        StepLog.Step step = new StepLog.Step(integer(s, "index", path + ".index", 0, Integer.MAX_VALUE),
            text(s, "actor", path + ".actor"), text(s, "label", path + ".label"));
        JsonNode accesses = s.get("accesses");
        if (accesses != null && !accesses.isNull()) {
          accesses = array(s, "accesses", path + ".accesses");
          for (int j = 0; j < accesses.size(); j++) {
            String apath = path + ".accesses[" + j + "]";
            JsonNode a = accesses.get(j);
            if (!a.isObject()) {
              throw error(apath, "expected an object, got " + describe(a));
            }
            String value = optionalText(a, "value", apath + ".value");
            step.addAccess(text(a, "object", apath + ".object"), text(a, "op", apath + ".op"),
                value == null ? "" : value);
          }
        }
        out.add(step);
      }
      return out;
    }

    private JsonNode object(JsonNode parent, String field, String path) throws InvalidFileException {
      JsonNode n = required(parent, field, path);
      if (!n.isObject()) {
        throw error(path, "expected an object, got " + describe(n));
      }
      return n;
    }

    private JsonNode array(JsonNode parent, String field, String path) throws InvalidFileException {
      JsonNode n = required(parent, field, path);
      if (!n.isArray()) {
        throw error(path, "expected an array, got " + describe(n));
      }
      return n;
    }

    private String text(JsonNode parent, String field, String path) throws InvalidFileException {
      JsonNode n = required(parent, field, path);
      if (!n.isTextual()) {
        throw error(path, "expected a string, got " + describe(n));
      }
      return n.asText();
    }

    private String optionalText(JsonNode parent, String field, String path)
        throws InvalidFileException {
      JsonNode n = parent.get(field);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        throw error(path, "expected a string or null, got " + describe(n));
      }
      return n.asText();
    }

    private int integer(JsonNode parent, String field, String path, int min, int max)
        throws InvalidFileException {
      JsonNode n = required(parent, field, path);
      if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
        throw error(path, "expected an integer in " + min + ".." + max + ", got " + describe(n));
      }
      return n.asInt();
    }

    private JsonNode required(JsonNode parent, String field, String path)
        throws InvalidFileException {
      JsonNode n = parent.get(field);
      if (n == null || n.isNull()) {
        throw error(path, "missing");
      }
      return n;
    }

    private InvalidFileException error(String path, String problem) {
      return new InvalidFileException(file + ": " + path + ": " + problem);
    }

    /** A short rendering of an unexpected value, for error messages. */
    private static String describe(JsonNode n) {
      if (n.isObject()) {
        return "an object";
      }
      if (n.isArray()) {
        return "an array";
      }
      String s = n.toString();
      return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
  }
}
