package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed spec as a list of short lines, one declaration each, and back: what a generated Java
 * PathFinder configuration passes as {@code target.args}, so that the program JPF runs builds its world
 * without parsing YAML. Operations keep their text and line and are read by the spec's own operation
 * parser. Only what the world and its actors need travels: bounds, engine settings, kills and
 * expectations stay with the spec.
 *
 * <p>The lines ({@code design odp}, {@code anon 0..1 rw populate 10 11} (values last),
 * {@code op fault 12 device-fault 0..1 read}, ...) contain no {@code ,} or {@code ;}, which JPF's
 * list syntax would split at. Plain loops only: Java PathFinder runs the decoder.
 */
public final class SpecCodec {
  private SpecCodec() {}

  /** The spec's world, actors, properties and own mutations, in the spec's (possibly retargeted) design. */
  public static List<String> encode(Spec spec) {
    List<String> out = new ArrayList<>();
    out.add("scenario " + spec.name());
    out.add("file " + spec.file());
    out.add("design " + spec.design().word());
    out.add("mkey-lifetime " + spec.options().mkeyLifetime().word());
    out.add("pages " + spec.pages());
    out.add("frames " + spec.frames());
    out.add("device-frames " + spec.deviceFrames());
    if (spec.seqModulus() != 0) {
      out.add("seq-modulus " + spec.seqModulus()); // absent: the kernel's 64-bit counter
    }
    out.add("devices " + spec.devices());
    if (spec.driver() != null) {
      out.add("driver " + spec.driver() + " " + spec.driverLine());
    }
    for (int d : spec.closedDevices()) {
      out.add("closed-device " + d);
    }
    if (spec.forkChild()) {
      out.add("fork-child");
    }
    for (int d : spec.childDevices()) {
      out.add("child-device " + d);
    }
    out.add("hcas " + spec.hcas());
    for (Spec.FileDecl f : spec.files()) {
      out.add("disk " + f.name() + " " + f.pages() + words(f.disk()));
    }
    for (Spec.Mapping m : spec.mappings()) {
      String perm = m.write() ? "rw" : m.read() ? "ro" : "none";
      if (m.file() == null) {
        out.add("anon " + m.pages() + " " + perm + (m.thp() ? " thp" : "")
            + (m.populate().isEmpty() ? "" : " populate" + words(m.populate())));
      } else {
        out.add("shared " + m.file() + " " + m.pages() + " " + m.offset() + " " + perm);
      }
    }
    for (Spec.UmemDecl u : spec.umems()) {
      out.add("umem " + u.name() + " " + u.pages() + (u.implicitChild() ? " implicit-child" : "")
          + (u.registered() ? "" : " unregistered") + " mm " + u.mm() + " hca " + u.hca()
          + " child-pages " + u.childPages());
    }
    for (java.util.Map.Entry<String, ImmutableList<Op>> e : spec.actors().entrySet()) {
      for (Op op : e.getValue()) {
        out.add("op " + e.getKey() + " " + op.line() + " " + op.text());
      }
    }
    if (!spec.properties().isEmpty()) {
      out.add("properties" + words(spec.properties()));
    }
    for (Mutation m : spec.mutations()) {
      out.add("mutation " + m.id());
    }
    return out;
  }

  /**
   * The spec {@link #encode} described.
   *
   * @throws SpecException naming the line (1-based) that does not decode
   */
  public static Spec decode(List<String> lines) throws SpecException {
    SpecBuilder b = new SpecBuilder();
    b.file = "target.args";
    b.name = "scenario";
    b.text = "";
    b.frames = -1;
    b.devices = 0;
    OpParser ops = null;
    for (int i = 0; i < lines.size(); i++) {
      String[] w = words(lines.get(i));
      Reader r = new Reader(w, i + 1);
      String key = r.word();
      if (key.equals("scenario")) {
        b.name = r.word();
      } else if (key.equals("file")) {
        b.file = r.rest();
      } else if (key.equals("design")) {
        String word = r.word();
        b.design = Design.byWord(word);
        if (b.design == null) {
          throw r.error("unknown design '" + word + "'");
        }
        b.declaredDesign = b.design;
        b.designs.add(b.design);
      } else if (key.equals("mkey-lifetime")) {
        String word = r.word();
        MkeyLifetime l = MkeyLifetime.byWord(word);
        if (l == null) {
          throw r.error("unknown mkey-lifetime '" + word + "'");
        }
        b.lifetimes.clear();
        b.lifetimes.add(l);
        b.options = DesignOptions.of(l);
      } else if (key.equals("hcas")) {
        b.hcas = r.integer(1, 4);
      } else if (key.equals("pages")) {
        b.pages = r.integer(1, SpecParser.MAX_PAGES);
      } else if (key.equals("frames")) {
        b.frames = r.integer(1, 64);
      } else if (key.equals("device-frames")) {
        b.deviceFrames = r.integer(0, 64);
      } else if (key.equals("seq-modulus")) {
        b.seqModulus = r.integer(4, 1 << 20);
      } else if (key.equals("devices")) {
        b.devices = r.integer(0, 4);
      } else if (key.equals("driver")) {
        b.driver = r.word();
        b.driverLine = r.integer(0, Integer.MAX_VALUE);
      } else if (key.equals("closed-device")) {
        b.closedDevices.add(r.integer(0, 3));
      } else if (key.equals("fork-child")) {
        b.forkChild = true;
      } else if (key.equals("child-device")) {
        b.childDevices.add(r.integer(0, 3));
      } else if (key.equals("disk")) {
        String name = r.word();
        int pages = r.integer(1, SpecParser.MAX_PAGES);
        b.files.add(new Spec.FileDecl(name, pages, r.integers()));
      } else if (key.equals("anon")) {
        PageRange pages = r.range();
        String perm = r.word();
        List<Integer> populate = new ArrayList<>();
        boolean thp = false;
        while (r.more()) {
          String k = r.word();
          if (k.equals("populate")) {
            populate.addAll(r.integers());
          } else if (k.equals("thp")) {
            thp = true;
          } else {
            throw r.error("unexpected '" + k + "'");
          }
        }
        b.mappings.add(new Spec.Mapping(pages, null, 0, !perm.equals("none"), perm.equals("rw"),
            ImmutableList.copyOf(populate), thp));
      } else if (key.equals("shared")) {
        String file = r.word();
        PageRange pages = r.range();
        int offset = r.integer(0, SpecParser.MAX_PAGES);
        String perm = r.word();
        b.mappings.add(new Spec.Mapping(pages, file, offset, !perm.equals("none"), perm.equals("rw"),
            ImmutableList.of(), false));
      } else if (key.equals("umem")) {
        String name = r.word();
        PageRange pages = r.range();
        boolean child = false;
        boolean registered = true;
        String mm = "mm";
        int hca = 0;
        int childPages = 0;
        while (r.more()) {
          String k = r.word();
          if (k.equals("implicit-child")) {
            child = true;
          } else if (k.equals("unregistered")) {
            registered = false;
          } else if (k.equals("mm")) {
            mm = r.word();
          } else if (k.equals("hca")) {
            hca = r.integer(0, 3);
          } else if (k.equals("child-pages")) {
            childPages = r.integer(0, SpecParser.MAX_PAGES);
          } else {
            throw r.error("unexpected '" + k + "'");
          }
        }
        b.umems.add(new Spec.UmemDecl(name, pages, child, registered, mm, hca, childPages));
      } else if (key.equals("op")) {
        String actor = r.word();
        int line = r.integer(0, Integer.MAX_VALUE);
        if (ops == null) {
          ops = new OpParser(b.file);
        }
        List<Op> list = b.actors.get(actor);
        if (list == null) {
          list = new ArrayList<>();
          b.actors.put(actor, list);
        }
        list.add(ops.parse(r.rest(), line));
      } else if (key.equals("properties")) {
        while (r.more()) {
          b.properties.add(r.word());
        }
      } else if (key.equals("mutation")) {
        String id = r.word();
        try {
          b.mutations.add(Mutation.parse(id));
        } catch (IllegalArgumentException e) {
          throw r.error("unknown mutation '" + id + "'");
        }
      } else {
        throw r.error("unknown declaration '" + key + "'");
      }
    }
    if (b.pages == 0 || b.actors.isEmpty()) {
      throw new SpecException(b.file, 0, "a scenario needs 'pages' and at least one 'op'");
    }
    if (b.frames < 0) {
      b.frames = 2 * b.pages + 2;
    }
    b.expect = b.mutations.isEmpty() ? Spec.Expect.PASS : Spec.Expect.VIOLATION;
    return new Spec(b);
  }

  private static String words(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      sb.append(' ').append(v);
    }
    return sb.toString();
  }

  /** Splits at runs of blanks, without regular expressions. */
  private static String[] words(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < n && line.charAt(i) != ' ') {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
  }

  /** The words of one line, read left to right. */
  private static final class Reader {
    private final String[] words;
    private final int line;
    private int next;

    Reader(String[] words, int line) {
      this.words = words;
      this.line = line;
    }

    boolean more() {
      return next < words.length;
    }

    String word() throws SpecException {
      if (!more()) {
        throw error("'" + (words.length == 0 ? "" : words[0]) + "' needs more values");
      }
      return words[next++];
    }

    /** The remaining words, joined by single blanks. */
    String rest() throws SpecException {
      StringBuilder sb = new StringBuilder(word());
      while (more()) {
        sb.append(' ').append(words[next++]);
      }
      return sb.toString();
    }

    int integer(int min, int max) throws SpecException {
      String w = word();
      int v;
      try {
        v = Integer.parseInt(w);
      } catch (NumberFormatException e) {
        throw error("'" + w + "' is not an integer");
      }
      if (v < min || v > max) {
        throw error(v + " is outside " + min + ".." + max);
      }
      return v;
    }

    ImmutableList<Integer> integers() throws SpecException {
      List<Integer> out = new ArrayList<>();
      while (more()) {
        out.add(integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
      }
      return ImmutableList.copyOf(out);
    }

    PageRange range() throws SpecException {
      String w = word();
      PageRange r = PageRange.parse(w);
      if (r == null) {
        throw error("'" + w + "' is not a page range");
      }
      return r;
    }

    SpecException error(String problem) {
      return new SpecException("target.args", line, problem);
    }
  }
}
