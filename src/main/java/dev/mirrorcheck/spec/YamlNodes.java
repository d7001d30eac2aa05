package dev.mirrorcheck.spec;

import dev.mirrorcheck.vocabulary.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Typed reads of YAML nodes that fail with the node's file and line. */
final class YamlNodes {
  private final String file;

  YamlNodes(String file) {
    this.file = file;
  }

  static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  SpecException error(Node n, String problem) {
    return new SpecException(file, n == null ? 0 : line(n), problem);
  }

  /** A mapping's entries by key, keeping order; the key nodes are kept for error lines. */
  Map<String, Node> mapping(Node n, String what) throws SpecException {
    if (!(n instanceof MappingNode)) {
      throw error(n, what + " must be a mapping of keys to values");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) n).getValue()) {
      String key = scalar(t.getKeyNode(), "a key in " + what);
      if (out.put(key, t.getValueNode()) != null) {
        throw error(t.getKeyNode(), "duplicate key '" + key + "' in " + what);
      }
    }
    return out;
  }

  /** Fails on any key not in {@code allowed}, naming the allowed ones. */
  void onlyKeys(Map<String, Node> map, String what, String... allowed) throws SpecException {
    List<String> ok = List.of(allowed);
    for (Map.Entry<String, Node> e : map.entrySet()) {
      if (!ok.contains(e.getKey())) {
        throw error(e.getValue(), "unknown key '" + e.getKey() + "' in " + what
            + DidYouMean.hint(e.getKey(), ok) + " (allowed: " + String.join(", ", ok) + ")");
      }
    }
  }

  String scalar(Node n, String what) throws SpecException {
    if (!(n instanceof ScalarNode)) {
      throw error(n, what + " must be a single value");
    }
    return ((ScalarNode) n).getValue();
  }

  int integer(Node n, String what, int min, int max) throws SpecException {
    String s = scalar(n, what);
    int v;
    try {
      v = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw error(n, what + " must be an integer, got '" + s + "'");
    }
    if (v < min || v > max) {
      throw error(n, what + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  boolean bool(Node n, String what) throws SpecException {
    String s = scalar(n, what).trim();
    if (s.equals("true") || s.equals("yes")) {
      return true;
    }
    if (s.equals("false") || s.equals("no")) {
      return false;
    }
    throw error(n, what + " must be true or false, got '" + s + "'");
  }

  List<Node> sequence(Node n, String what) throws SpecException {
    if (!(n instanceof SequenceNode)) {
      throw error(n, what + " must be a list");
    }
    return new ArrayList<>(((SequenceNode) n).getValue());
  }

  /** A list of scalars; a single scalar counts as a one-element list. */
  List<String> strings(Node n, String what) throws SpecException {
    List<String> out = new ArrayList<>();
    if (n instanceof ScalarNode) {
      out.add(scalar(n, what));
      return out;
    }
    for (Node e : sequence(n, what)) {
      out.add(scalar(e, "an entry of " + what));
    }
    return out;
  }

  List<Integer> integers(Node n, String what) throws SpecException {
    List<Integer> out = new ArrayList<>();
    for (Node e : sequence(n, what)) {
      out.add(integer(e, "an entry of " + what, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    return out;
  }

  PageRange range(Node n, String what) throws SpecException {
    String s = scalar(n, what).trim();
    PageRange r = PageRange.parse(s);
    if (r == null) {
      throw error(n, what + " must be a page or a range like 0..1, got '" + s + "'");
    }
    return r;
  }
}
