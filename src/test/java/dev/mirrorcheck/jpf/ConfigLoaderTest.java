package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .jpf reader: JPF's Properties syntax, expansion, appends, overrides, and located errors. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  private JpfConfig load(String... lines) throws Exception {
    return ConfigLoader.load(file("app.jpf", lines), List.of());
  }

  private JpfConfigException error(List<String> overrides, String... lines) throws IOException {
    Path f = file("bad.jpf", lines);
    return assertThrows(JpfConfigException.class, () -> ConfigLoader.load(f, overrides));
  }

  @Test
  void propertiesSyntax() throws Exception {
    JpfConfig c = load("# comment", "! also a comment", "", "a = 1", "b:2", "c 3", "  d=  padded  ",
        "e = one,\\", "    two", "f = tab\\there\\u0041", "g =");
    assertEquals("1", c.get("a"));
    assertEquals("2", c.get("b"));
    assertEquals("3", c.get("c"));
    assertEquals("padded", c.get("d"));
    assertEquals("one,two", c.get("e"));
    assertEquals("tab\there" + "A", c.get("f"));
    assertEquals("", c.get("g"));
  }

  @Test
  void originsAreFileAndLine() throws Exception {
    JpfConfig c = load("# header", "target = x.Y", "", "target.args = 1,\\", "  2");
    Path f = dir.resolve("app.jpf");
    assertEquals(new Origin(f.toString(), 2), c.origin("target"));
    assertEquals(f + ":4", c.origin("target.args").toString());
    assertEquals("1,2", c.get("target.args"));
  }

  @Test
  void expansionUsesConfigPathOtherKeysAndSystemProperties() throws Exception {
    JpfConfig c = load("classpath = ${config_path}/../target/classes", "base = /opt",
        "lib = ${base}/lib", "home = ${user.home}", "missing = a${nothing}b",
        "classpath = ${classpath}:${lib}");
    String expectedDir = dir.toAbsolutePath().normalize().toString();
    assertEquals(expectedDir + "/../target/classes:/opt/lib", c.get("classpath"));
    assertEquals(System.getProperty("user.home"), c.get("home"));
    assertEquals("ab", c.get("missing"));
    assertTrue(c.notes().stream().anyMatch(n -> n.contains("${nothing}") && n.contains(":5")),
        c.notes()::toString);
  }

  @Test
  void appendPrependAndNormalisation() throws Exception {
    JpfConfig c = load("list = a", "list+=,b", "+list=z,", "yes = yes", "on = ON", "off = no",
        "gone = 1", "gone = null");
    assertEquals("z,a,b", c.get("list"));
    assertEquals("true", c.get("yes"));
    assertEquals("true", c.get("on"));
    assertEquals("false", c.get("off"));
    assertNull(c.get("gone"));
    assertFalse(c.keys().contains("gone"));
  }

  @Test
  void commandLineOverridesComeLast() throws Exception {
    Path f = file("app.jpf", "target.args = 2,1,correct", "keep = 1", "drop = 1", "list = a");
    JpfConfig c = ConfigLoader.load(f, List.of("+target.args=3,2,buggy", "+flag", "+drop=",
        "+list+=,b", "++list=z,"));
    assertEquals("3,2,buggy", c.get("target.args"));
    assertEquals(Origin.commandLine("+target.args=3,2,buggy"), c.origin("target.args"));
    assertEquals("true", c.get("flag"));
    assertNull(c.get("drop"));
    assertEquals("1", c.get("keep"));
    assertEquals("z,a,b", c.get("list"));
  }

  @Test
  void listsSplitAsJpfDoes() throws Exception {
    JpfConfig c = load("args = a,b;c", "spaced = a, b", "quoted = a`,b,c", "trailing = a,b,",
        "cp = x:y,z;w");
    assertEquals(List.of("a", "b", "c"), c.list("args"));
    assertEquals(List.of("a", " b"), c.list("spaced"));
    assertEquals(List.of("a,b", "c"), c.list("quoted"));
    assertEquals(List.of("a", "b"), c.list("trailing"));
    assertEquals(List.of("x", "y", "z", "w"), c.paths("cp"));
    assertEquals(List.of(), c.list("unset"));
  }

  @Test
  void includesResolveAgainstTheIncludingFile() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    file("sub/common.jpf", "shared = ${config_path}", "@include = deeper.jpf");
    file("sub/deeper.jpf", "deep = yes");
    file("sub/cond.jpf", "cond = 1");
    JpfConfig c = load("@include = sub/common.jpf", "after = ${config_path}",
        "@include_if = ?deep?sub/cond.jpf", "@include_unless = ?deep?sub/nothere.jpf");
    String d = dir.toAbsolutePath().normalize().toString();
    assertEquals(d + "/sub", c.get("shared"));
    assertEquals(d, c.get("after"));
    assertEquals("true", c.get("deep"));
    assertEquals("1", c.get("cond"));
  }

  @Test
  void requiresSkipsTheRestOfTheFile() throws Exception {
    JpfConfig c = load("a = 1", "@requires = a", "b = 2", "@requires = nothere", "c = 3");
    assertEquals("2", c.get("b"));
    assertNull(c.get("c"));
  }

  @Test
  void usingIsNotedNotLoaded() throws Exception {
    JpfConfig c = load("@using = jpf-core", "a = 1");
    assertEquals("1", c.get("a"));
    assertTrue(c.notes().stream().anyMatch(n -> n.contains("@using = jpf-core")), c.notes()::toString);
  }

  @Test
  void bareWordIsAMalformedLineWithFileAndLine() throws Exception {
    JpfConfigException e = error(List.of(), "target = x.Y", "# fine", "garbage");
    assertEquals(dir.resolve("bad.jpf") + ":3: malformed line 'garbage': expected 'key = value'",
        e.getMessage());
    assertEquals(3, e.origin().line());
  }

  @Test
  void otherMalformedLines() throws Exception {
    assertTrue(error(List.of(), "a = 1", "= value").getMessage().endsWith(":2: malformed line "
        + "'= value': no key before '='"));
    assertTrue(error(List.of(), "search depth_limit = 5").getMessage()
        .contains(":1: malformed line 'search depth_limit = 5': keys cannot contain blanks"));
    assertTrue(error(List.of(), "a = 1", "b = ${a").getMessage()
        .endsWith(":2: unterminated '${' in '${a'"));
    assertTrue(error(List.of(), "a = \\u00G1").getMessage().contains(":1: malformed \\uXXXX escape"));
    assertTrue(error(List.of(), "@inclde = x.jpf").getMessage().contains(":1: unknown keyword "
        + "'@inclde'"));
    assertTrue(error(List.of(), "", "@include = nothere.jpf").getMessage()
        .contains(":2: included file "));
    assertTrue(error(List.of(), "@include_if = nothing").getMessage()
        .contains(":1: @include_if expects '?key?file'"));
  }

  @Test
  void badOverridesNameTheArgument() throws Exception {
    JpfConfigException e = error(List.of("search.depth_limit=5"), "a = 1");
    assertEquals("command line 'search.depth_limit=5': JPF properties on the command line look "
        + "like +key=value (for example +search.multiple_errors=true)", e.getMessage());
    assertTrue(error(List.of("+=5"), "a = 1").getMessage().endsWith("no key before '='"));
  }

  @Test
  void missingFileAndSelfInclusion() throws Exception {
    JpfConfigException e = assertThrows(JpfConfigException.class,
        () -> ConfigLoader.load(dir.resolve("none.jpf"), List.of()));
    assertEquals(dir.resolve("none.jpf") + ": no such file", e.getMessage());
    Path self = file("self.jpf", "@include = self.jpf");
    e = assertThrows(JpfConfigException.class, () -> ConfigLoader.load(self, List.of()));
    assertTrue(e.getMessage().contains("nested more than"), e::getMessage);
  }

  @Test
  void errorsAreOneLine() throws Exception {
    for (JpfConfigException e : List.of(error(List.of(), "x"), error(List.of(), "a = ${b"))) {
      assertFalse(e.getMessage().contains("\n"), e::getMessage);
    }
  }
}
