package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.vocabulary.DidYouMean;
import dev.mirrorcheck.vocabulary.LabelInventory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads scenario specs. Every problem — YAML syntax, an unknown key, an operation that does not
 * parse, a page outside the address space, a mutation that does not apply to the design — is a
 * {@link SpecException} naming the file and line.
 */
public final class SpecParser {
  /** Largest address space a spec may declare (explorations grow fast with pages). */
  public static final int MAX_PAGES = 16;
  /** Most child MRs one window of an implicit MR may need (each is a mirror the checkers watch). */
  public static final int MAX_CHILD_POOL = 6;
  private static final String DESIGNS = com.google.common.base.Joiner.on(", ").join(designWords());

  private static final String[] TOP_KEYS = {
    "scenario", "description", "design", "designs", "design-options", "pages", "frames",
    "device-frames", "seq-modulus", "mappings", "files", "devices", "closed-devices", "child-devices",
    "fork-child", "hcas", "umems", "actors", "driver",
    "properties", "mutations", "kills", "must-reach", "bounds", "engine", "expect"
  };
  private static final String[] MAPPING_KEYS = {
    "anon", "file", "at", "offset", "perm", "populate", "thp"};
  private static final String[] FILE_KEYS = {"name", "pages", "disk"};
  private static final String[] UMEM_KEYS = {
    "name", "pages", "implicit-child", "registered", "mm", "hca", "implicit", "child-pages"};
  private static final String[] DESIGN_OPTION_KEYS = {"mkey-lifetime"};
  private static final String[] BOUNDS_KEYS = {"max-steps"};
  private static final String[] ENGINE_KEYS = {
    "stop-at-first", "time-limit", "preemption-bound", "reduce", "workers", "symmetry"};

  /**
   * Every key the parser accepts: the top-level keys under {@code ""}, and the sub-keys of
   * {@code mappings}, {@code files}, {@code umems}, {@code design-options}, {@code bounds} and {@code engine} under their
   * key (the documentation is checked against it).
   */
  public static final ImmutableMap<String, ImmutableList<String>> KEYS =
      ImmutableMap.<String, ImmutableList<String>>builder()
          .put("", ImmutableList.copyOf(TOP_KEYS))
          .put("mappings", ImmutableList.copyOf(MAPPING_KEYS))
          .put("files", ImmutableList.copyOf(FILE_KEYS))
          .put("umems", ImmutableList.copyOf(UMEM_KEYS))
          .put("design-options", ImmutableList.copyOf(DESIGN_OPTION_KEYS))
          .put("bounds", ImmutableList.copyOf(BOUNDS_KEYS))
          .put("engine", ImmutableList.copyOf(ENGINE_KEYS))
          .buildOrThrow();

  private SpecParser() {}

  private static List<String> designWords() {
    List<String> out = new ArrayList<>();
    for (Design d : Design.values()) {
      out.add(d.word());
    }
    return out;
  }

  private static List<String> mutationIds() {
    List<String> out = new ArrayList<>();
    for (Mutation m : Mutation.values()) {
      out.add(m.id());
    }
    return out;
  }

  public static Spec parse(Path path) throws SpecException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(path.toString(), 0, "cannot read: " + e.getMessage());
    }
    return parse(path.toString(), text);
  }

  public static Spec parse(String file, String text) throws SpecException {
    return parse(file, text, null);
  }

  /**
   * Parses {@code text} as a scenario of {@code design} instead of the design it declares (for
   * {@code compare}); {@code kills} and {@code must-reach} then come from their entry for that design.
   *
   * @throws SpecException when the scenario does not exist in {@code design} (an operation, umem or
   *     mutation of another design), naming the line
   */
  public static Spec parse(String file, String text, Design design) throws SpecException {
    return parse(file, text, design, null);
  }

  /**
   * Parses {@code text} as the variant of the scenario in {@code design} (null: the declared one)
   * with {@code options} (null: the first value of each option the spec lists).
   *
   * @throws SpecException when the scenario does not exist in that variant
   */
  public static Spec parse(String file, String text, Design design, DesignOptions options)
      throws SpecException {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new SpecException(file, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new SpecException(file, 0, "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new SpecException(file, 0, "the file is empty");
    }
    YamlNodes y = new YamlNodes(file);
    Map<String, Node> top = y.mapping(root, "a spec");
    y.onlyKeys(top, "a spec", TOP_KEYS);
    SpecBuilder b = new SpecBuilder();
    b.file = file;
    b.text = text;
    new SpecParser.Reader(y, top, b, design, options).read();
    return new Spec(b);
  }

  /** One parse: reads the sections in dependency order and validates cross-references. */
  private static final class Reader {
    private final YamlNodes y;
    private final Map<String, Node> top;
    private final SpecBuilder b;
    private final Design target; // null: the declared design
    private final DesignOptions targetOptions; // null: the first value of each option

    Reader(YamlNodes y, Map<String, Node> top, SpecBuilder b, Design target,
        DesignOptions targetOptions) {
      this.y = y;
      this.top = top;
      this.b = b;
      this.target = target;
      this.targetOptions = targetOptions;
    }

    private Node required(String key) throws SpecException {
      Node n = top.get(key);
      if (n == null) {
        throw new SpecException(b.file, 1, "missing required key '" + key + "'");
      }
      return n;
    }

    void read() throws SpecException {
      b.name = y.scalar(required("scenario"), "scenario").trim();
      if (!b.name.matches("[A-Za-z0-9_.-]+")) {
        throw y.error(top.get("scenario"), "scenario name may only use letters, digits, '_', '.', '-'");
      }
      if (top.containsKey("description")) {
        b.description = y.scalar(top.get("description"), "description").trim();
      }
      if (top.containsKey("design")) {
        b.design = design(top.get("design"));
      }
      b.declaredDesign = b.design;
      b.designs.add(b.design);
      if (top.containsKey("designs")) {
        for (Node n : y.sequence(top.get("designs"), "designs")) {
          b.designs.add(design(n));
        }
      }
      if (top.containsKey("design-options")) {
        designOptions(top.get("design-options"));
      }
      DesignOptions first = DesignOptions.of(b.lifetimes.get(0));
      Design variant = target == null ? b.design : target;
      DesignOptions wanted = targetOptions == null || variant != Design.ODP ? first : targetOptions;
      if (!b.lifetimes.contains(wanted.mkeyLifetime())) {
        throw new SpecException(b.file, top.containsKey("design-options")
            ? YamlNodes.line(top.get("design-options")) : 1, "mkey-lifetime "
            + wanted.mkeyLifetime().word() + " is not one this spec lists under design-options");
      }
      b.options = wanted;
      if (variant != b.design || !wanted.equals(first)) {
        b.design = variant;
        b.name = b.name + "@" + wanted.label(variant); // one report per variant of the scenario
      }
      if (top.containsKey("driver")) {
        driver(top.get("driver"));
      }
      b.pages = y.integer(required("pages"), "pages", 1, MAX_PAGES);
      if (top.containsKey("seq-modulus")) {
        b.seqModulus = y.integer(top.get("seq-modulus"), "seq-modulus", 4, 1 << 20);
        if (Integer.bitCount(b.seqModulus) != 1) {
          throw y.error(top.get("seq-modulus"), "seq-modulus must be a power of two");
        }
      }
      if (top.containsKey("files")) {
        files(top.get("files"));
      }
      if (top.containsKey("mappings")) {
        mappings(top.get("mappings"));
      }
      b.frames = top.containsKey("frames")
          ? y.integer(top.get("frames"), "frames", 1, 64)
          : 2 * b.pages + 2;
      int populated = 0;
      for (Spec.Mapping m : b.mappings) {
        populated += m.populate().size();
      }
      if (populated > b.frames) {
        throw y.error(top.containsKey("frames") ? top.get("frames") : top.get("mappings"),
            "frames: " + b.frames + " cannot hold the " + populated + " populated pages");
      }
      if (top.containsKey("device-frames")) {
        b.deviceFrames = y.integer(top.get("device-frames"), "device-frames", 0, 64);
      }
      int defaultDevices = b.design == Design.MODERN ? 1 : 0;
      b.devices = top.containsKey("devices")
          ? y.integer(top.get("devices"), "devices", 0, 4)
          : defaultDevices;
      if (b.devices > 0 && b.design != Design.MODERN) {
        throw y.error(top.get("devices"), "dmirror devices exist only in design 'modern'");
      }
      if (top.containsKey("closed-devices")) {
        for (Node n : y.sequence(top.get("closed-devices"), "closed-devices")) {
          int d = y.integer(n, "a closed device", 0, b.devices - 1);
          b.closedDevices.add(d);
        }
      }
      if (top.containsKey("fork-child")) {
        b.forkChild = y.bool(top.get("fork-child"), "fork-child");
      }
      if (top.containsKey("hcas")) {
        if (!b.design.hasUmems()) {
          throw y.error(top.get("hcas"), "HCAs exist only in the RDMA designs (odp, hmm2015, "
              + "legacy-odp)");
        }
        b.hcas = y.integer(top.get("hcas"), "hcas", 1, 4);
      }
      if (top.containsKey("child-devices")) {
        if (!b.forkChild) {
          throw y.error(top.get("child-devices"), "child-devices mirror the fork child: set "
              + "fork-child: true");
        }
        for (Node n : y.sequence(top.get("child-devices"), "child-devices")) {
          b.childDevices.add(y.integer(n, "a child device", 0, b.devices - 1));
        }
      }
      if (top.containsKey("umems")) {
        if (!b.design.hasUmems()) {
          throw y.error(top.get("umems"), "umems exist only in the RDMA designs (odp, hmm2015, "
              + "legacy-odp)");
        }
        umems(top.get("umems"));
      }
      actors(required("actors"));
      conditionNames();
      for (Spec.UmemDecl u : b.umems) {
        int pool = u.implicit() ? new Spec(b).childPool(u) : 0;
        if (pool > MAX_CHILD_POOL) {
          throw y.error(top.get("umems"), "implicit MR '" + u.name() + "': its faults may create "
              + pool + " child MRs per window, more than the " + MAX_CHILD_POOL + " modelled (use "
              + "fewer faulting operations on it)");
        }
      }
      if (top.containsKey("properties")) {
        properties(top.get("properties"));
      }
      if (top.containsKey("mutations")) {
        for (Mutation m : mutations(top.get("mutations"), "mutations", b.design)) {
          if (!m.appliesTo(b.design, b.options)) {
            throw y.error(top.get("mutations"), m + " is a mutation of " + m.variants()
                + ", not of " + b.options.label(b.design));
          }
          b.mutations.add(m);
        }
      }
      if (top.containsKey("kills")) {
        for (Map.Entry<Design, Node> e : perDesign(top.get("kills"), "kills").entrySet()) {
          List<Mutation> ms = mutations(e.getValue(), "kills", e.getKey());
          for (Mutation m : ms) {
            if (m.lifetime() != null && !b.lifetimes.contains(m.lifetime())) {
              throw y.error(e.getValue(), m + " is a mutation of " + m.variants()
                  + "; list mkey-lifetime " + m.lifetime().word() + " under design-options");
            }
            // each variant of the design is designated the kills that exist in it
            if (e.getKey() == b.design && m.appliesTo(b.design, b.options)) {
              b.kills.add(m);
            }
          }
        }
      }
      if (top.containsKey("must-reach")) {
        for (Map.Entry<Design, Node> e : perDesign(top.get("must-reach"), "must-reach").entrySet()) {
          List<String> labels = mustReach(e.getValue(), e.getKey());
          if (e.getKey() == b.design) {
            b.mustReach.addAll(labels);
          }
        }
      }
      if (top.containsKey("bounds")) {
        bounds(top.get("bounds"));
      }
      if (top.containsKey("engine")) {
        engine(top.get("engine"));
      }
      expect(top.get("expect"));
    }

    /**
     * A key given as a list (for the declared design) or as a mapping from design to list, e.g.
     * {@code kills: {odp: [M3], hmm2015: [M25]}}.
     */
    private Map<Design, Node> perDesign(Node n, String what) throws SpecException {
      Map<Design, Node> out = new java.util.LinkedHashMap<>();
      if (!(n instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
        out.put(b.declaredDesign, n);
        return out;
      }
      for (Map.Entry<String, Node> e : y.mapping(n, what).entrySet()) {
        Design d = Design.byWord(e.getKey().trim());
        if (d == null) {
          throw y.error(e.getValue(), "unknown design '" + e.getKey() + "' in " + what
              + DidYouMean.hint(e.getKey(), designWords()) + " (" + DESIGNS + ")");
        }
        out.put(d, e.getValue());
      }
      return out;
    }

    private Design design(Node n) throws SpecException {
      String s = y.scalar(n, "design").trim().toLowerCase(Locale.ROOT);
      Design d = Design.byWord(s);
      if (d == null) {
        throw y.error(n, "unknown design '" + s + "'" + DidYouMean.hint(s, designWords())
            + " (" + DESIGNS + ")");
      }
      return d;
    }

    /**
     * {@code driver:}: a class name, in design modern only (a driver mirrors through an interval
     * notifier). Whether the class exists is checked where the classpath is known.
     */
    private void driver(Node n) throws SpecException {
      String name = y.scalar(n, "driver").trim();
      if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
        throw y.error(n, "driver: '" + name + "' is not a Java class name (e.g. com.example.MyDriver)");
      }
      if (b.design != Design.MODERN) {
        throw y.error(n, "driver: a driver runs in design 'modern' only, not in " + b.design.word());
      }
      b.driver = name;
      b.driverLine = YamlNodes.line(n);
    }

    /** Must-reach labels of {@code design}: each must name a protocol step the design has. */
    private List<String> mustReach(Node n, Design design) throws SpecException {
      List<String> out = new ArrayList<>();
      List<Node> items = n instanceof org.yaml.snakeyaml.nodes.ScalarNode ? List.of(n)
          : y.sequence(n, "must-reach");
      for (Node ln : items) {
        String label = y.scalar(ln, "a must-reach label").trim();
        // a driver of the user's labels its own steps: the run checks those
        String problem = b.driver != null ? null : LabelInventory.of(design).problem(label);
        if (problem != null) {
          throw y.error(ln, "must-reach: " + problem + " (see 'mirrorcheck list labels "
              + design.word() + "')");
        }
        out.add(label);
      }
      return out;
    }

    private void files(Node n) throws SpecException {
      for (Node f : y.sequence(n, "files")) {
        Map<String, Node> m = y.mapping(f, "a file");
        y.onlyKeys(m, "a file", FILE_KEYS);
        if (!m.containsKey("name") || !m.containsKey("pages")) {
          throw y.error(f, "a file needs 'name' and 'pages'");
        }
        String name = y.scalar(m.get("name"), "file name").trim();
        int pages = y.integer(m.get("pages"), "file pages", 1, MAX_PAGES);
        List<Integer> disk = m.containsKey("disk") ? y.integers(m.get("disk"), "disk") : List.of();
        if (disk.size() > pages) {
          throw y.error(m.get("disk"), "disk has " + disk.size() + " values for " + pages + " pages");
        }
        for (Spec.FileDecl d : b.files) {
          if (d.name().equals(name)) {
            throw y.error(f, "duplicate file '" + name + "'");
          }
        }
        b.files.add(new Spec.FileDecl(name, pages, ImmutableList.copyOf(disk)));
      }
    }

    private void mappings(Node n) throws SpecException {
      boolean[] used = new boolean[b.pages];
      for (Node mn : y.sequence(n, "mappings")) {
        Map<String, Node> m = y.mapping(mn, "a mapping");
        y.onlyKeys(m, "a mapping", MAPPING_KEYS);
        PageRange pages;
        String file = null;
        int offset = 0;
        if (m.containsKey("anon") == m.containsKey("file")) {
          throw y.error(mn, "a mapping is either 'anon: RANGE' or 'file: NAME' with 'at: RANGE'");
        }
        if (m.containsKey("anon")) {
          pages = y.range(m.get("anon"), "anon");
        } else {
          file = y.scalar(m.get("file"), "file").trim();
          if (!m.containsKey("at")) {
            throw y.error(mn, "a file mapping needs 'at: RANGE'");
          }
          pages = y.range(m.get("at"), "at");
          Spec.FileDecl decl = fileDecl(file, m.get("file"));
          if (m.containsKey("offset")) {
            offset = y.integer(m.get("offset"), "offset", 0, decl.pages() - 1);
          }
          if (offset + pages.size() > decl.pages()) {
            throw y.error(mn, "file '" + file + "' has " + decl.pages() + " pages; the mapping needs "
                + (offset + pages.size()));
          }
        }
        if (pages.last() >= b.pages) {
          throw y.error(mn, "pages " + pages + " are outside the address space (pages: " + b.pages + ")");
        }
        for (int v = pages.first(); v <= pages.last(); v++) {
          if (used[v]) {
            throw y.error(mn, "page " + v + " is mapped twice");
          }
          used[v] = true;
        }
        String perm = m.containsKey("perm") ? y.scalar(m.get("perm"), "perm").trim() : "rw";
        if (!perm.equals("rw") && !perm.equals("ro") && !perm.equals("none")) {
          throw y.error(m.get("perm"), "perm must be rw, ro or none, got '" + perm + "'");
        }
        List<Integer> populate = List.of();
        if (m.containsKey("populate")) {
          if (file != null) {
            throw y.error(m.get("populate"), "file mappings take their data from 'disk' in files");
          }
          populate = y.integers(m.get("populate"), "populate");
          if (populate.size() > pages.size()) {
            throw y.error(m.get("populate"), "populate has " + populate.size() + " values for "
                + pages.size() + " pages");
          }
        }
        boolean thp = m.containsKey("thp") && y.bool(m.get("thp"), "thp");
        if (thp && file != null) {
          throw y.error(m.get("thp"), "only anonymous mappings can be huge pages here");
        }
        b.mappings.add(new Spec.Mapping(pages, file, offset, !perm.equals("none"), perm.equals("rw"),
            ImmutableList.copyOf(populate), thp));
      }
    }

    private Spec.FileDecl fileDecl(String name, Node at) throws SpecException {
      for (Spec.FileDecl d : b.files) {
        if (d.name().equals(name)) {
          return d;
        }
      }
      throw y.error(at, "unknown file '" + name + "' (declare it under 'files')");
    }

    private void umems(Node n) throws SpecException {
      for (Node un : y.sequence(n, "umems")) {
        Map<String, Node> m = y.mapping(un, "a umem");
        y.onlyKeys(m, "a umem", UMEM_KEYS);
        boolean implicit = m.containsKey("implicit") && y.bool(m.get("implicit"), "implicit");
        if (!m.containsKey("name") || (!m.containsKey("pages") && !implicit)) {
          throw y.error(un, "a umem needs 'name' and 'pages' (an implicit MR: 'name' and "
              + "'implicit: true')");
        }
        String name = y.scalar(m.get("name"), "umem name").trim();
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw y.error(m.get("name"), "umem name '" + name + "' must be an identifier");
        }
        int childPages = 0;
        PageRange pages;
        if (implicit) {
          if (b.design != Design.ODP) {
            throw y.error(m.get("implicit"), "implicit ODP MRs are modelled in design 'odp' only");
          }
          if (b.options.mkeyLifetime() != MkeyLifetime.USECOUNT) {
            throw y.error(m.get("implicit"), "implicit ODP MRs are modelled with mkey-lifetime "
                + "usecount (Linux 5.13+) only");
          }
          if (m.containsKey("pages")) {
            throw y.error(m.get("pages"), "an implicit MR covers the whole address space; give "
                + "'child-pages' for the size of its child MRs instead of 'pages'");
          }
          pages = new PageRange(0, b.pages - 1);
          childPages = m.containsKey("child-pages")
              ? y.integer(m.get("child-pages"), "child-pages", 1, b.pages) : 1;
        } else {
          if (m.containsKey("child-pages")) {
            throw y.error(m.get("child-pages"), "child-pages belongs to an implicit MR");
          }
          pages = y.range(m.get("pages"), "umem pages");
        }
        if (pages.last() >= b.pages) {
          throw y.error(m.get("pages"), "umem pages " + pages + " are outside the address space");
        }
        String mm = "mm";
        if (m.containsKey("mm")) {
          mm = y.scalar(m.get("mm"), "mm").trim();
          if (!mm.equals("mm") && !(mm.equals("child") && b.forkChild)) {
            throw y.error(m.get("mm"), "unknown mm '" + mm + "' (mm"
                + (b.forkChild ? ", child" : "; set fork-child: true for a child") + ")");
          }
        }
        int hca = m.containsKey("hca") ? y.integer(m.get("hca"), "hca", 0, b.hcas - 1) : 0;
        boolean child = m.containsKey("implicit-child") && y.bool(m.get("implicit-child"), "implicit-child");
        if (child && b.design != Design.ODP) {
          throw y.error(m.get("implicit-child"), "implicit ODP MRs exist only in design 'odp'");
        }
        boolean registered = !m.containsKey("registered") || y.bool(m.get("registered"), "registered");
        for (Spec.UmemDecl u : b.umems) {
          if (u.name().equals(name)) {
            throw y.error(un, "duplicate umem '" + name + "'");
          }
        }
        if (implicit && (child || !registered)) {
          throw y.error(un, "an implicit MR is registered at set-up and is no implicit-child");
        }
        b.umems.add(new Spec.UmemDecl(name, pages, child, registered, mm, hca, childPages));
      }
    }

    private void actors(Node n) throws SpecException {
      Map<String, Node> actors = y.mapping(n, "actors");
      if (actors.isEmpty()) {
        throw y.error(n, "a scenario needs at least one actor");
      }
      if (actors.size() > 12) {
        throw y.error(n, "at most 12 actors, got " + actors.size());
      }
      OpParser ops = new OpParser(b.file);
      for (Map.Entry<String, Node> e : actors.entrySet()) {
        if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw y.error(e.getValue(), "actor name '" + e.getKey() + "' must be an identifier");
        }
        List<Op> list = new ArrayList<>();
        for (Node on : y.sequence(e.getValue(), "the operations of actor " + e.getKey())) {
          Op op = ops.parse(y.scalar(on, "an operation"), YamlNodes.line(on));
          check(op);
          list.add(op);
        }
        if (list.isEmpty()) {
          throw y.error(e.getValue(), "actor " + e.getKey() + " has no operations");
        }
        b.actors.put(e.getKey(), list);
      }
      lifecycle();
    }

    /**
     * Opening and closing a device file, and registering and deregistering a memory region, happen
     * once each and in order, as a process does them: {@code mirror-open} only of a device in
     * {@code closed-devices}, which must be opened before it is released, by the same actor;
     * {@code umem-register} only of a umem declared {@code registered: false}, likewise before its
     * {@code mr-dereg}.
     */
    private void lifecycle() throws SpecException {
      Map<String, Op> opened = new java.util.HashMap<>();
      Map<String, Op> closed = new java.util.HashMap<>();
      Map<String, String> openedBy = new java.util.HashMap<>();
      for (Map.Entry<String, List<Op>> e : b.actors.entrySet()) {
        for (Op op : e.getValue()) {
          String what;
          boolean startsClosed;
          boolean open;
          if (op.kind() == OpKind.MIRROR_OPEN || op.kind() == OpKind.MIRROR_RELEASE) {
            what = "device " + op.device();
            startsClosed = b.closedDevices.contains(op.device());
            open = op.kind() == OpKind.MIRROR_OPEN;
          } else if (op.kind() == OpKind.UMEM_REGISTER || op.kind() == OpKind.MR_DEREG) {
            String name = op.kind() == OpKind.UMEM_REGISTER ? op.name() : op.umem();
            Spec.UmemDecl u = b.umems.get(0);
            for (Spec.UmemDecl d : b.umems) {
              u = d.name().equals(name) ? d : u;
            }
            what = "umem " + u.name();
            startsClosed = !u.registered();
            open = op.kind() == OpKind.UMEM_REGISTER;
          } else {
            continue;
          }
          Map<String, Op> seen = open ? opened : closed;
          Op twice = seen.put(what, op);
          if (twice != null) {
            throw new SpecException(b.file, op.line(), "'" + op.kind().word() + "' of " + what
                + " a second time (line " + twice.line() + " does it already)");
          }
          if (open && !startsClosed) {
            throw new SpecException(b.file, op.line(), what + " is open at the start; '"
                + op.kind().word() + "' is for one declared " + (op.kind() == OpKind.MIRROR_OPEN
                    ? "in closed-devices" : "with registered: false"));
          }
          if (open) {
            openedBy.put(what, e.getKey());
          } else if (startsClosed && !e.getKey().equals(openedBy.get(what))) {
            throw new SpecException(b.file, op.line(), what + " starts closed: the same actor must "
                + "open it ('" + (op.kind() == OpKind.MIRROR_RELEASE ? "mirror-open" : "umem-register")
                + "') before '" + op.kind().word() + "'");
          }
        }
      }
    }

    /** Cross-checks an operation against the declared world. */
    private void check(Op op) throws SpecException {
      int line = op.line();
      if (!op.kind().designs().contains(b.design)) {
        throw new SpecException(b.file, line, "'" + op.kind().word() + "' does not exist in design "
            + b.design.word());
      }
      if (b.driver != null && op.kind().testDriverOnly()) {
        throw new SpecException(b.file, line, "'" + op.kind().word() + "' is an ioctl of the test "
            + "driver (lib/test_hmm.c), which driver " + b.driver + " replaces");
      }
      if (op.range() != null && op.range().last() >= b.pages) {
        throw new SpecException(b.file, line, "page " + op.range().last()
            + " is outside the address space (pages: " + b.pages + ")");
      }
      if (op.kind().keysContainDev() && op.device() >= b.devices) {
        throw new SpecException(b.file, line, "device " + op.device() + " does not exist (devices: "
            + b.devices + ")");
      }
      if (op.mm() != null && !op.mm().equals("mm") && !(op.mm().equals("child") && b.forkChild)) {
        throw new SpecException(b.file, line, "unknown mm '" + op.mm() + "' (mm"
            + (b.forkChild ? ", child" : "; set fork-child: true for a child") + ")");
      }
      if (op.kind() == OpKind.FORK && !b.forkChild) {
        throw new SpecException(b.file, line, "fork needs 'fork-child: true'");
      }
      if (op.kind() == OpKind.FORK) {
        if (b.forkLine > 0) {
          throw new SpecException(b.file, line, "one fork per scenario (the child address space "
              + "is forked into once; line " + b.forkLine + " forks already)");
        }
        b.forkLine = line;
      }
      if (op.kind() == OpKind.WRITEBACK || op.kind() == OpKind.RECLAIM) {
        Spec.FileDecl f = null;
        for (Spec.FileDecl d : b.files) {
          if (d.name().equals(op.name())) {
            f = d;
          }
        }
        if (f == null) {
          throw new SpecException(b.file, line, "unknown file '" + op.name() + "'");
        }
        if (op.index() < 0 || op.index() >= f.pages()) {
          throw new SpecException(b.file, line, "file '" + f.name() + "' has no page " + op.index());
        }
      }
      String umem = op.kind() == OpKind.UMEM_REGISTER ? op.name() : op.umem();
      if (!op.kind().designs().contains(Design.MODERN)) {
        if (b.umems.isEmpty()) {
          throw new SpecException(b.file, line, "'" + op.kind().word() + "' needs a umem (declare umems)");
        }
        if (umem != null && !declaresUmem(umem)) {
          throw new SpecException(b.file, line, "unknown umem '" + umem + "'");
        }
        Spec.UmemDecl decl = b.umems.get(0);
        for (Spec.UmemDecl u : b.umems) {
          decl = u.name().equals(umem) ? u : decl;
        }
        if (decl.implicit() && (op.kind() == OpKind.MR_DEREG || op.kind() == OpKind.UMEM_REGISTER)) {
          throw new SpecException(b.file, line, "'" + op.kind().word() + "' of an implicit MR is "
              + "not modelled (its faults, prefetch and accesses are)");
        }
        if (op.range() != null && (op.range().first() < decl.pages().first()
            || op.range().last() > decl.pages().last())) {
          throw new SpecException(b.file, line, "pages " + op.range() + " are outside umem "
              + decl.name() + " (pages " + decl.pages() + ")");
        }
      }
      if (op.noFault() && b.design != Design.ODP) {
        throw new SpecException(b.file, line, "no-fault prefetch (PREFETCH_NO_FAULT) does not "
            + "exist in design " + b.design.word() + " (Linux 5.8+)");
      }
    }

    /**
     * Every {@code if NAME} and {@code after NAME} names an {@code as NAME} of some operation (an
     * {@code after} one of another actor or an earlier one of its own); {@code as} names are unique.
     */
    private void conditionNames() throws SpecException {
      Map<String, Integer> tagged = new java.util.HashMap<>();
      for (List<Op> ops : b.actors.values()) {
        for (Op op : ops) {
          if (op.as() != null && tagged.put(op.as(), op.line()) != null) {
            throw new SpecException(b.file, op.line(), "'as " + op.as() + "' is used twice");
          }
        }
      }
      for (Map.Entry<String, List<Op>> e : b.actors.entrySet()) {
        for (int i = 0; i < e.getValue().size(); i++) {
          Op op = e.getValue().get(i);
          for (String a : op.after()) {
            int later = -1;
            for (int j = i; j < e.getValue().size(); j++) {
              later = a.equals(e.getValue().get(j).as()) ? j : later;
            }
            if (!tagged.containsKey(a)) {
              throw new SpecException(b.file, op.line(), "'after " + a + "': no operation is "
                  + "tagged 'as " + a + "'");
            }
            if (later >= 0) {
              throw new SpecException(b.file, op.line(), "'after " + a + "' waits for an "
                  + "operation its own actor runs " + (later == i ? "as this one" : "later"));
            }
          }
        }
      }
      for (List<Op> ops : b.actors.values()) {
        for (Op op : ops) {
          for (Condition c : op.conditions()) {
            if (!tagged.containsKey(c.name())) {
              throw new SpecException(b.file, op.line(), "'if " + c.name() + "': no operation is "
                  + "tagged 'as " + c.name() + "'");
            }
            if (c.name().equals(op.as())) {
              throw new SpecException(b.file, op.line(), "'if " + c.name() + "' names the "
                  + "operation itself");
            }
          }
        }
      }
    }

    /**
     * {@code design-options:}: {@code mkey-lifetime: usecount|srcu} or a list of them (odp: each
     * value is a variant of the scenario; the first is the plain one).
     */
    private void designOptions(Node n) throws SpecException {
      Map<String, Node> m = y.mapping(n, "design-options");
      y.onlyKeys(m, "design-options", DESIGN_OPTION_KEYS);
      if (m.containsKey("mkey-lifetime")) {
        Node v = m.get("mkey-lifetime");
        if (!b.designs.contains(Design.ODP)) {
          throw y.error(v, "mkey-lifetime is an option of design odp, which this spec does not list");
        }
        b.lifetimes.clear();
        for (String w : y.strings(v, "mkey-lifetime")) {
          MkeyLifetime l = MkeyLifetime.byWord(w.trim());
          if (l == null) {
            throw y.error(v, "unknown mkey-lifetime '" + w.trim() + "' (usecount, srcu)");
          }
          if (b.lifetimes.contains(l)) {
            throw y.error(v, "mkey-lifetime " + l.word() + " is listed twice");
          }
          b.lifetimes.add(l);
        }
        if (b.lifetimes.isEmpty()) {
          throw y.error(v, "mkey-lifetime needs a value (usecount, srcu)");
        }
      }
    }

    private boolean declaresUmem(String name) {
      for (Spec.UmemDecl u : b.umems) {
        if (u.name().equals(name)) {
          return true;
        }
      }
      return false;
    }

    private void properties(Node n) throws SpecException {
      b.propertiesLine = YamlNodes.line(n);
      List<String> ids = y.strings(n, "properties");
      if (ids.size() == 1 && ids.get(0).trim().equals("all")) {
        return;
      }
      for (String id : ids) {
        b.properties.add(id.trim());
      }
    }

    private List<Mutation> mutations(Node n, String what, Design design) throws SpecException {
      List<Mutation> out = new ArrayList<>();
      List<Node> items = n instanceof org.yaml.snakeyaml.nodes.ScalarNode ? List.of(n) : y.sequence(n, what);
      for (Node mn : items) {
        String s = y.scalar(mn, "a mutation").trim();
        Mutation m;
        try {
          m = Mutation.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw y.error(mn, "unknown mutation '" + s + "'" + DidYouMean.hint(s, mutationIds())
              + " (see 'mirrorcheck list mutations')");
        }
        if (!m.designs().contains(design)) {
          throw y.error(mn, m + " does not apply to design " + design.word());
        }
        out.add(m);
      }
      return out;
    }

    private void bounds(Node n) throws SpecException {
      Map<String, Node> m = y.mapping(n, "bounds");
      y.onlyKeys(m, "bounds", BOUNDS_KEYS);
      if (m.containsKey("max-steps")) {
        b.maxSteps = y.integer(m.get("max-steps"), "max-steps", 1, 1_000_000);
      }
    }

    private void engine(Node n) throws SpecException {
      Map<String, Node> m = y.mapping(n, "engine");
      y.onlyKeys(m, "engine", ENGINE_KEYS);
      if (m.containsKey("stop-at-first")) {
        b.stopAtFirst = y.bool(m.get("stop-at-first"), "stop-at-first");
      }
      if (m.containsKey("time-limit")) {
        b.timeLimitSeconds = y.integer(m.get("time-limit"), "time-limit (seconds)", 1, 86_400);
      }
      if (m.containsKey("preemption-bound")) {
        Node p = m.get("preemption-bound");
        b.preemptionBound = y.scalar(p, "preemption-bound").trim().equals("none")
            ? -1 : y.integer(p, "preemption-bound", 0, 1000);
      }
      if (m.containsKey("workers")) {
        b.workers = y.integer(m.get("workers"), "workers", 1, 256);
      }
      if (m.containsKey("symmetry")) {
        Node s = m.get("symmetry");
        String v = y.scalar(s, "symmetry").trim();
        if (!v.equals("off") && !v.equals("start") && !v.equals("states")) {
          throw y.error(s, "symmetry must be off, start or states, got '" + v + "'");
        }
        b.symmetry = v;
      }
      if (m.containsKey("reduce")) {
        Node r = m.get("reduce");
        String v = y.scalar(r, "reduce").trim();
        if (v.equals("source") || v.equals("optimal")) {
          b.dpor = v;
        } else if (!v.equals("true") && !v.equals("yes") && !v.equals("false") && !v.equals("no")) {
          throw y.error(r, "reduce must be true, false, source or optimal, got '" + v + "'");
        } else {
          b.reduce = y.bool(r, "reduce");
        }
      }
    }

    /** {@code expect:} as one verdict, or per design, e.g. {@code {hmm2015: violation S3}}. */
    private void expect(Node given) throws SpecException {
      b.expect = b.mutations.isEmpty() ? Spec.Expect.PASS : Spec.Expect.VIOLATION;
      if (given == null) {
        return;
      }
      for (Map.Entry<Design, Node> e : perDesign(given, "expect").entrySet()) {
        List<String> props = new ArrayList<>();
        Spec.Expect verdict = verdict(e.getValue(), props); // every entry is validated
        if (e.getKey() == b.design) {
          b.expect = verdict;
          b.expectLine = YamlNodes.line(e.getValue());
          b.expectProperties.addAll(props);
        }
      }
    }

    private Spec.Expect verdict(Node n, List<String> props) throws SpecException {
      String s = y.scalar(n, "expect").trim();
      String[] words = s.split("\\s+");
      if (words[0].equals("pass") && words.length == 1) {
        return Spec.Expect.PASS;
      } else if (words[0].equals("violation")) {
        for (int i = 1; i < words.length; i++) {
          props.add(words[i]);
        }
        return Spec.Expect.VIOLATION;
      } else {
        throw y.error(n, "expect must be 'pass' or 'violation [PROPERTY...]', got '" + s + "'");
      }
    }
  }
}
