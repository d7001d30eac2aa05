package dev.mirrorcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version for {@code --version} and report headers, filtered from the pom at build time. */
final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // The version is informational; an unreadable resource must not stop a check.
    }
    String v = p.getProperty("version", "");
    return v.isEmpty() || v.startsWith("${") ? "(development build)" : v;
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
        + System.getProperty("java.vendor") + "), " + Runtime.getRuntime().availableProcessors()
        + " CPUs";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"mirrorcheck " + version(), "JVM: " + jvm()};
  }
}
