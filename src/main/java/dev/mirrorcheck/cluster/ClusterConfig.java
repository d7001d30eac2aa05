package dev.mirrorcheck.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A cluster configuration file: the cluster's name, every member's TCP address, and this machine's
 * port and (optionally) address. Every machine of the cluster uses the same file; members find each
 * other over TCP only (no multicast).
 *
 * <pre>
 * cluster: hmm-proofs                     # members with another name never join
 * members: [10.0.0.5:5710, 10.0.0.6:5710] # host:port of every member, this one's included
 * port: 5710                              # where this JVM listens (the next free one if busy)
 * address: 10.0.0.5                       # optional: the address to bind and announce
 * </pre>
 */
public final class ClusterConfig {
  static final int DEFAULT_PORT = 5710;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+:[0-9]{1,5}");

  final Path file;
  final String name;
  final List<String> members;
  final int port;
  final String address;

  private ClusterConfig(Path file, String name, List<String> members, int port, String address) {
    this.file = file;
    this.name = name;
    this.members = List.copyOf(members);
    this.port = port;
    this.address = address;
  }

  /** The cluster's name. */
  public String name() {
    return name;
  }

  /** A bad configuration file: the message names the file, the line and the problem. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** Reads and checks {@code file}. */
  public static ClusterConfig load(Path file) {
    Node root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
    } catch (NoSuchFileException e) {
      throw new Invalid(file + ": no such cluster configuration file");
    } catch (MarkedYAMLException e) {
      throw new Invalid(file + ": line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML ("
          + e.getProblem() + ")");
    } catch (YAMLException | IOException e) {
      throw new Invalid(file + ": cannot read the cluster configuration (" + e.getMessage() + ")");
    }
    if (!(root instanceof MappingNode)) {
      throw new Invalid(file + ": a cluster configuration is a mapping with the keys cluster, "
          + "members, port, address");
    }
    String name = null;
    List<String> members = null;
    int port = DEFAULT_PORT;
    String address = null;
    for (NodeTuple t : ((MappingNode) root).getValue()) {
      String key = scalar(file, t.getKeyNode(), "a key");
      Node v = t.getValueNode();
      switch (key) {
        case "cluster":
          name = scalar(file, v, "the cluster name");
          if (!NAME.matcher(name).matches()) {
            throw bad(file, v, "cluster name '" + name + "': use letters, digits, '.', '_' or '-' "
                + "(up to 64)");
          }
          break;
        case "members":
          members = members(file, v);
          break;
        case "port":
          port = port(file, v, scalar(file, v, "a port"));
          break;
        case "address":
          address = scalar(file, v, "an address");
          break;
        default:
          throw bad(file, t.getKeyNode(), "unknown key '" + key + "' (known: cluster, members, "
              + "port, address)");
      }
    }
    if (name == null) {
      throw new Invalid(file + ": the cluster name is missing (cluster: NAME)");
    }
    if (members == null) {
      throw new Invalid(file + ": the member addresses are missing (members: [HOST:PORT, ...])");
    }
    return new ClusterConfig(file, name, members, port, address);
  }

  private static List<String> members(Path file, Node v) {
    if (!(v instanceof SequenceNode) || ((SequenceNode) v).getValue().isEmpty()) {
      throw bad(file, v, "members must be a non-empty list of HOST:PORT addresses");
    }
    List<String> out = new ArrayList<>();
    for (Node m : ((SequenceNode) v).getValue()) {
      String s = scalar(file, m, "a member address");
      if (!MEMBER.matcher(s).matches()) {
        throw bad(file, m, "member '" + s + "' is not HOST:PORT");
      }
      port(file, m, s.substring(s.lastIndexOf(':') + 1));
      out.add(s);
    }
    return out;
  }

  private static int port(Path file, Node at, String text) {
    int p;
    try {
      p = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 1 || p > 65535) {
      throw bad(file, at, "port '" + text + "' is not a number in 1..65535");
    }
    return p;
  }

  private static String scalar(Path file, Node n, String what) {
    if (!(n instanceof ScalarNode) || ((ScalarNode) n).getValue().isBlank()) {
      throw bad(file, n, "expected " + what + " here");
    }
    return ((ScalarNode) n).getValue().trim();
  }

  private static Invalid bad(Path file, Node at, String problem) {
    return new Invalid(file + ": line " + (at.getStartMark().getLine() + 1) + ": " + problem);
  }
}
