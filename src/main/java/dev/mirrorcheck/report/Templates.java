package dev.mirrorcheck.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The Mustache templates under {@code src/main/resources/dev/mirrorcheck/report/}, with the escaping
 * of the output format applied to every {@code {{value}}}: HTML for pages, Markdown for
 * {@code report.md}, none for console text. Triple mustaches insert text the view has already made
 * safe (SVG, code blocks).
 */
final class Templates {
  static final Templates HTML = new Templates(Escapes::xml);
  static final Templates MARKDOWN = new Templates(Escapes::markdown);
  /** Console text: values go in as they are. */
  static final Templates TEXT = new Templates(UnaryOperator.identity());

  private final DefaultMustacheFactory factory;

  private Templates(UnaryOperator<String> escape) {
    // Resources come from this class's loader, whatever the thread's context class loader is.
    factory = new DefaultMustacheFactory(name -> {
      InputStream in = Templates.class.getResourceAsStream(name);
      return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
    }) {
      @Override
      public void encode(String value, Writer writer) {
        try {
          writer.write(escape.apply(value));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** Renders template {@code name} (such as {@code report.html.mustache}) over {@code scope}. */
  String render(String name, Object scope) {
    Mustache m = factory.compile(name);
    StringWriter out = new StringWriter(32_768);
    m.execute(out, scope);
    return out.toString();
  }
}
