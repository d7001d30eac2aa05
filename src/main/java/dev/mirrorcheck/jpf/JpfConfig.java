package dev.mirrorcheck.jpf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JPF application configuration with the semantics of JPF's {@code gov.nasa.jpf.Config}: values are
 * expanded ({@code ${key}}, then system properties) when stored, {@code key+=v} appends, {@code +key=v}
 * prepends, booleans are normalised ({@code yes}/{@code on} become {@code true}) and {@code null}
 * removes a key. Every entry remembers where it was set. Load one with {@link ConfigLoader}.
 */
public final class JpfConfig {
  /** Keys that JPF sets itself while loading. */
  static final String CONFIG = "config";
  static final String CONFIG_PATH = "config_path";

  private static final char[] LIST_DELIMITERS = {',', ';'};
  private static final char[] PATH_DELIMITERS = {',', ';', ':'};

  /** A value and where it was set. */
  private record Entry(String value, Origin origin) {}

  private final String file;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  JpfConfig(String file) {
    this.file = file;
  }

  /** The application file, as the user named it. */
  public String file() {
    return file;
  }

  /** The value of {@code key}, or {@code null}. */
  public String get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value;
  }

  /** Where {@code key} was last set; the application file when it is not set. */
  public Origin origin(String key) {
    Entry e = entries.get(key);
    return e == null ? Origin.file(file) : e.origin;
  }

  /** Every key, in the order first set. */
  public List<String> keys() {
    return List.copyOf(entries.keySet());
  }

  /** Remarks made while loading (undefined {@code ${..}} references, projects not loaded). */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  /** JPF's list reading: split at unquoted ',' and ';', elements not trimmed; empty when unset. */
  public List<String> list(String key) {
    String v = get(key);
    return v == null || v.isEmpty() ? List.of() : split(v, LIST_DELIMITERS);
  }

  /** JPF's path-list reading: split at ',', ';' and ':', empty elements dropped. */
  public List<String> paths(String key) {
    List<String> out = new ArrayList<>();
    String v = get(key);
    if (v != null) {
      for (String p : split(v, PATH_DELIMITERS)) {
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Stores {@code key = value} the way JPF's {@code Config.put} does. */
  void put(String key, String value, Origin at) throws JpfConfigException {
    String k = expand(null, key, at);
    if (k.isEmpty()) {
      throw new JpfConfigException(at, "empty key");
    }
    if (value == null) {
      entries.remove(k);
    } else if (k.length() > 1 && k.endsWith("+")) {
      join(k.substring(0, k.length() - 1), value, at, true);
    } else if (k.length() > 1 && k.startsWith("+")) {
      join(k.substring(1), value, at, false);
    } else {
      set(k, normalize(expand(k, value, at)), at);
    }
  }

  /** Sets a key JPF manages itself ({@code config}, {@code config_path}), without expansion. */
  void putRaw(String key, String value, Origin at) {
    set(key, value, at);
  }

  void note(String remark) {
    notes.add(remark);
  }

  private void set(String key, String value, Origin at) {
    if (value == null) {
      entries.remove(key);
    } else {
      entries.remove(key); // a key set again moves to the end, as it is the latest setting
      entries.put(key, new Entry(value, at));
    }
  }

  /** {@code key+=value} (append) and {@code +key=value} (prepend): no separator is inserted. */
  private void join(String key, String value, Origin at, boolean append) throws JpfConfigException {
    String old = get(key);
    String v = normalize(expand(key, value, at));
    if (v == null) {
      return;
    }
    set(key, old == null ? v : append ? old + v : v + old, at);
  }

  /** Replaces {@code ${name}} by the key's value, else the system property, else nothing. */
  String expand(String key, String s, Origin at) throws JpfConfigException {
    int from = 0;
    int i;
    while ((i = s.indexOf("${", from)) >= 0) {
      int close = s.indexOf('}', i);
      if (close < 0) {
        throw new JpfConfigException(at, "unterminated '${' in '" + s + "'");
      }
      String name = s.substring(i + 2, close);
      String v = get(name);
      if (v == null) {
        v = System.getProperty(name);
      }
      if (v == null) {
        note(at + ": '${" + name + "}' is not defined and expands to nothing");
        v = "";
      }
      s = s.substring(0, i) + v + s.substring(close + 1);
      from = i + v.length();
    }
    return s;
  }

  /** Trims; {@code true/yes/on} and {@code false/no/off} become booleans; {@code null/nil} removes. */
  static String normalize(String v) {
    if (v == null) {
      return null;
    }
    String t = v.trim();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on":
        return "true";
      case "false", "no", "off":
        return "false";
      case "null", "nil":
        return null;
      default:
        return t;
    }
  }

  /** JPF's splitting: a backquote makes the next character literal; elements are not trimmed. */
  static List<String> split(String s, char[] delimiters) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!quote) {
        if (isOneOf(c, delimiters)) {
          out.add(sb.toString());
          sb.setLength(0);
          continue;
        }
        if (c == '`') {
          quote = true;
          continue;
        }
      }
      sb.append(c);
      quote = false;
    }
    if (sb.length() > 0) {
      out.add(sb.toString());
    }
    return out;
  }

  private static boolean isOneOf(char c, char[] set) {
    for (char d : set) {
      if (c == d) {
        return true;
      }
    }
    return false;
  }
}
