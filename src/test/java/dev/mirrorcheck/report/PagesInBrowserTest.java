package dev.mirrorcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.cli.LibraryRun;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The pages a reviewer opens, in a real browser: headless Chromium at 1400x900 shows the index, a
 * pass report, an expected-violation report, a violation report and compare.html without the page
 * scrolling sideways, with the verdict (and for a violation the diagram) in the first screen, and
 * with no text of a sequence diagram outside its box or over another text. Screenshots are saved
 * under {@code target/browser-screenshots/}. Needs Debian's {@code chromium} and
 * {@code chromium-driver} (CI installs them); without them the test is skipped with a message.
 */
class PagesInBrowserTest {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 900;
  private static final Path SHOTS = Path.of("target", "browser-screenshots");
  private static WebDriver driver;

  @BeforeAll
  static void startChromium() throws IOException {
    String chromium = find("chromium", "chromium-browser", "google-chrome");
    String chromedriver = find("chromedriver");
    if (chromium == null || chromedriver == null) {
      String why = "SKIPPED PagesInBrowserTest: no " + (chromium == null ? "chromium" : "chromedriver")
          + " on this machine (apt-get install chromium chromium-driver to run it)";
      System.err.println(why);
      Assumptions.abort(why);
    }
    Path profile = Files.createTempDirectory("mirrorcheck-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopChromium() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void theIndexFitsAndItsBadgeSaysPass() throws IOException {
    Page p = leadsWith(LibraryRun.library().resolve("index.html"), "index", "PASS");
    assertTrue((Long) p.js("return document.querySelectorAll('.pill.expected').length") >= 2L,
        "expected violations have their own badge");
  }

  @Test
  void aPassReportLeadsWithItsVerdict() throws IOException {
    leadsWith(LibraryRun.library().resolve("anon_teardown/report.html"), "pass-report", "PASS");
  }

  @Test
  void anExpectedViolationLeadsWithTheFindingAndItsDiagram() throws IOException {
    Page p = leadsWith(LibraryRun.library().resolve("hmm2015_ucontext_close_vs_munmap/report.html"),
        "expected-violation-report", "EXPECTED VIOLATION");
    p.diagramStartsInFirstScreen();
    p.diagramTextFitsItsBoxesAndNeverOverlaps();
    p.screenshotOfDiagram("expected-violation-diagram");
  }

  @Test
  void aViolationReportLeadsWithTheCounterexampleDiagram() throws IOException {
    Page p = leadsWith(LibraryRun.violation().resolve("anon_teardown/report.html"),
        "violation-report", "VIOLATION FOUND");
    p.diagramStartsInFirstScreen();
    p.diagramTextFitsItsBoxesAndNeverOverlaps();
    p.screenshotOfDiagram("violation-diagram");
  }

  @Test
  void compareFitsTheScreenWithColouredLinkedCells() throws IOException {
    Page p = leadsWith(LibraryRun.compare().resolve("compare.html"), "compare", "PASS");
    assertTrue((Long) p.js("return document.querySelectorAll('td a[href$=\"report.html\"]').length")
        > 10L, "cells link to each run's report");
    assertEquals("right", p.js("return getComputedStyle(document.querySelector('td.num')).textAlign"));
    String good = (String) p.js("return getComputedStyle(document.querySelector('td.cell-good'))"
        + ".backgroundColor");
    assertTrue(!good.equals("rgba(0, 0, 0, 0)"), "verdict cells are coloured: " + good);
    // Matrices wider than the page scroll inside their own box, with the header row and the first
    // column kept in view.
    assertEquals("sticky", p.js("return getComputedStyle(document.querySelector('table.matrix th'))"
        + ".position"));
    Page m = open(LibraryRun.compare().resolve("kills/index.html"), "compare-mutant-runs");
    m.fitsTheWidth();
  }

  /** One loaded page. */
  private static final class Page {
    private final String name;

    Page(String name) {
      this.name = name;
    }

    Object js(String script) {
      return ((JavascriptExecutor) driver).executeScript(script);
    }

    String text(String css) {
      return (String) js("return document.querySelector('" + css + "').textContent.trim()");
    }

    void fitsTheWidth() {
      long scroll = (Long) js("return document.documentElement.scrollWidth");
      long client = (Long) js("return document.documentElement.clientWidth");
      assertTrue(scroll <= client, name + ": the page scrolls sideways (" + scroll + " > " + client
          + " px)");
    }

    void inFirstScreen(String css) {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) js("const r = document.querySelector('" + css
          + "').getBoundingClientRect(); return {top: r.top, bottom: r.bottom, h: innerHeight};");
      double bottom = ((Number) r.get("bottom")).doubleValue();
      assertTrue(((Number) r.get("top")).doubleValue() >= 0 && bottom <= HEIGHT,
          name + ": " + css + " is not in the first screen: " + r);
    }

    void diagramStartsInFirstScreen() {
      double top = ((Number) js("return document.querySelector('svg.seq').getBoundingClientRect()"
          + ".top")).doubleValue();
      assertTrue(top + 200 <= HEIGHT, name + ": the diagram starts at " + top + " px, below the "
          + "first screen");
    }

    /**
     * Every text of every step box lies inside the box, every text lies inside the diagram, and no
     * two texts overlap.
     */
    void diagramTextFitsItsBoxesAndNeverOverlaps() {
      @SuppressWarnings("unchecked")
      List<String> problems = (List<String>) js(String.join("\n",
          "const out = [];",
          "for (const svg of document.querySelectorAll('svg.seq')) {",
          "  const W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;",
          "  const boxes = [];",
          "  for (const t of svg.querySelectorAll('text')) {",
          "    const b = t.getBBox();",
          "    if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > W + 0.5 || b.y + b.height > H + 0.5)",
          "      out.push('outside the diagram: ' + t.textContent);",
          "    boxes.push([b, t.textContent]);",
          "  }",
          "  for (const g of svg.querySelectorAll('g.step')) {",
          "    const r = g.querySelector('rect').getBBox();",
          "    for (const t of g.querySelectorAll('text')) {",
          "      const b = t.getBBox();",
          "      if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5",
          "          || b.y < r.y - 0.5 || b.y + b.height > r.y + r.height + 0.5)",
          "        out.push('clipped by its box: ' + t.textContent);",
          "    }",
          "  }",
          "  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {",
          "    const a = boxes[i][0], b = boxes[j][0];",
          "    if (a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width",
          "        && a.y + 0.5 < b.y + b.height && b.y + 0.5 < a.y + a.height)",
          "      out.push('overlap: \"' + boxes[i][1] + '\" and \"' + boxes[j][1] + '\"');",
          "  }",
          "}",
          "return out;"));
      assertTrue(problems.isEmpty(), name + ": " + problems.size() + " problem(s): "
          + problems.subList(0, Math.min(10, problems.size())));
      long texts = (Long) js("return document.querySelectorAll('svg.seq g.step text').length");
      assertTrue(texts > 10, name + ": the diagram has step texts");
    }

    /** A screenshot of the page scrolled to the diagram, so a person can read the boxes. */
    void screenshotOfDiagram(String file) throws IOException {
      js("document.querySelector('svg.seq').scrollIntoView()");
      shoot(file);
      js("window.scrollTo(0, 0)");
    }
  }

  /** Opens a page that must fit the width and show {@code badge} in its first screen. */
  private static Page leadsWith(Path file, String shot, String badge) throws IOException {
    Page p = open(file, shot);
    p.fitsTheWidth();
    p.inFirstScreen("#verdict");
    assertEquals(badge, p.text("#verdict .badge"));
    return p;
  }

  private static Page open(Path file, String shot) throws IOException {
    driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    driver.get(file.toAbsolutePath().toUri().toString());
    // The window's inner size is what the page sees; make it exactly 1400x900.
    JavascriptExecutor js = (JavascriptExecutor) driver;
    long w = (Long) js.executeScript("return window.outerWidth - window.innerWidth");
    long h = (Long) js.executeScript("return window.outerHeight - window.innerHeight");
    driver.manage().window().setSize(new Dimension(WIDTH + (int) w, HEIGHT + (int) h));
    shoot(shot);
    return new Page(shot);
  }

  private static void shoot(String name) throws IOException {
    File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The first of {@code names} found on the PATH or in /usr/bin, or null. */
  private static String find(String... names) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "")
        .split(File.pathSeparator)));
    dirs.add("/usr/bin");
    for (String n : names) {
      for (String d : dirs) {
        File f = new File(d, n);
        if (!d.isEmpty() && f.canExecute()) {
          return f.getPath();
        }
      }
    }
    return null;
  }
}
