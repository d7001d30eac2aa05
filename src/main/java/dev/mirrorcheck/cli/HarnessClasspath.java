package dev.mirrorcheck.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code --classpath} of {@code replay}: directories and jars that hold harness classes. */
final class HarnessClasspath {
  private HarnessClasspath() {}

  /** A loader over {@code entries} (each may hold paths separated by ':'), or mirrorcheck's own. */
  static ClassLoader loader(List<String> entries) {
    ClassLoader parent = HarnessClasspath.class.getClassLoader();
    if (entries == null || entries.isEmpty()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : entries) {
      for (String part : entry.split(File.pathSeparator)) {
        if (part.isBlank()) {
          continue;
        }
        Path p = Path.of(part);
        if (!Files.exists(p)) {
          throw new UserError("--classpath: no such directory or jar: " + part);
        }
        try {
          urls.add(p.toAbsolutePath().normalize().toUri().toURL());
        } catch (MalformedURLException e) {
          throw new UserError("--classpath: not a usable path: " + part);
        }
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), parent);
  }
}
