package dev.mirrorcheck.jpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code .jpf} application file and {@code +key=value} command-line overrides into a
 * {@link JpfConfig}, in JPF's order: the file (with {@code @include}, {@code @include_if},
 * {@code @include_unless} and {@code @requires}), then the overrides. Site and project properties
 * ({@code site.properties}, {@code jpf.properties}) belong to a JPF installation and are not read.
 */
public final class ConfigLoader {
  private static final int MAX_INCLUDE_DEPTH = 16;

  private final JpfConfig config;

  private ConfigLoader(JpfConfig config) {
    this.config = config;
  }

  /** Loads {@code file}, then applies {@code overrides} (each {@code +key=value}, {@code +key}). */
  public static JpfConfig load(Path file, List<String> overrides) throws JpfConfigException {
    ConfigLoader loader = new ConfigLoader(new JpfConfig(file.toString()));
    loader.loadFile(file, file.toString(), 0);
    for (String arg : overrides) {
      loader.override(arg);
    }
    return loader.config;
  }

  /** Stop signal of {@code @requires}: the rest of the file is skipped, as in JPF. */
  private static final class MissingRequiredKey extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private void loadFile(Path file, String display, int depth) throws JpfConfigException {
    Origin whole = Origin.file(display);
    if (depth > MAX_INCLUDE_DEPTH) {
      throw new JpfConfigException(whole, "@include nested more than " + MAX_INCLUDE_DEPTH
          + " deep (does a file include itself?)");
    }
    if (!Files.isRegularFile(file)) {
      throw new JpfConfigException(whole, "no such file");
    }
    String text;
    try {
      // java.util.Properties, which JPF extends, reads ISO-8859-1.
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new JpfConfigException(whole, "cannot read: " + e.getMessage());
    }
    Path abs = file.toAbsolutePath().normalize();
    String savedConfig = config.get(JpfConfig.CONFIG);
    String savedPath = config.get(JpfConfig.CONFIG_PATH);
    config.putRaw(JpfConfig.CONFIG, abs.toString(), whole);
    config.putRaw(JpfConfig.CONFIG_PATH, String.valueOf(abs.getParent()), whole);
    try {
      for (PropertiesReader.Entry e : PropertiesReader.read(display, text)) {
        Origin at = new Origin(display, e.line());
        if (e.key().startsWith("@")) {
          pseudoKey(e.key(), e.value(), at, depth);
        } else {
          config.put(e.key(), e.value(), at);
        }
      }
    } catch (MissingRequiredKey skipped) {
      // JPF skips the rest of a file whose @requires keys are missing.
    }
    if (depth > 0) {
      // An included file does not change the including file's config and config_path.
      config.putRaw(JpfConfig.CONFIG, savedConfig, whole);
      config.putRaw(JpfConfig.CONFIG_PATH, savedPath, whole);
    }
  }

  private void pseudoKey(String key, String value, Origin at, int depth)
      throws JpfConfigException, MissingRequiredKey {
    switch (key) {
      case "@requires" -> {
        for (String k : JpfConfig.split(config.expand(key, value, at), new char[] {',', ';'})) {
          if (config.get(k.trim()) == null) {
            throw new MissingRequiredKey();
          }
        }
      }
      case "@include" -> include(config.expand(key, value, at), at, depth);
      case "@include_if", "@include_unless" -> {
        String v = config.expand(key, value, at);
        int second = v.indexOf('?', 1);
        if (!v.startsWith("?") || second < 2 || second == v.length() - 1) {
          throw new JpfConfigException(at, key + " expects '?key?file', got '" + v + "'");
        }
        boolean present = config.get(v.substring(1, second)) != null;
        if (present == key.equals("@include_if")) {
          include(v.substring(second + 1), at, depth);
        }
      }
      case "@using" -> config.note(at + ": '@using = " + value + "' names a JPF project; "
          + "its jpf.properties is read by Java PathFinder only");
      default -> throw new JpfConfigException(at, "unknown keyword '" + key
          + "' (JPF knows @include, @include_if, @include_unless, @requires, @using)");
    }
  }

  private void include(String name, Origin at, int depth) throws JpfConfigException {
    if (name.isBlank()) {
      throw new JpfConfigException(at, "@include needs a file name");
    }
    Path p = Path.of(name.trim());
    if (!p.isAbsolute()) {
      p = Path.of(config.get(JpfConfig.CONFIG_PATH)).resolve(p);
    }
    if (!Files.isRegularFile(p)) {
      throw new JpfConfigException(at, "included file " + p + " does not exist");
    }
    loadFile(p, p.toString(), depth + 1);
  }

  /** One {@code +key=value} argument, as JPF's command line reads it. */
  private void override(String arg) throws JpfConfigException {
    Origin at = Origin.commandLine(arg);
    if (!arg.startsWith("+") || arg.length() < 2) {
      throw new JpfConfigException(at, "JPF properties on the command line look like "
          + "+key=value (for example +search.multiple_errors=true)");
    }
    String a = arg.substring(1);
    int eq = a.indexOf('=');
    if (eq == 0) {
      throw new JpfConfigException(at, "no key before '='");
    }
    if (eq < 0) {
      config.put(a.trim(), "true", at);
      return;
    }
    String value = a.substring(eq + 1).trim();
    config.put(a.substring(0, eq).trim(), value.isEmpty() ? null : value, at);
  }
}
