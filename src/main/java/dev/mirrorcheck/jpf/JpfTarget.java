package dev.mirrorcheck.jpf;

import dev.mirrorcheck.sync.Harness;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program a configuration names: the {@code target} class, loaded through {@code classpath}, and
 * its {@code public static Harness harness(String[])} called with {@code target.args}. That method
 * builds the same program the class's {@code main} runs on real threads under Java PathFinder.
 */
public final class JpfTarget implements AutoCloseable {
  /** The entry method our explorer calls instead of {@code main}. */
  public static final String HARNESS_METHOD = "harness";

  private final String className;
  private final List<String> args;
  private final Harness harness;
  private final URLClassLoader loader;
  private final boolean fromOwnClasspath;
  private final List<String> classpath;

  private JpfTarget(String className, List<String> args, Harness harness, URLClassLoader loader,
      boolean fromOwnClasspath, List<String> classpath) {
    this.className = className;
    this.args = List.copyOf(args);
    this.harness = harness;
    this.loader = loader;
    this.fromOwnClasspath = fromOwnClasspath;
    this.classpath = List.copyOf(classpath);
  }

  /** Why a target cannot be built: its class, its {@code harness} method, or its arguments. */
  public static final class TargetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean badArguments;

    TargetException(String message, boolean badArguments) {
      super(message);
      this.badArguments = badArguments;
    }

    /** Whether {@code harness} rejected the arguments (rather than the class being unusable). */
    public boolean badArguments() {
      return badArguments;
    }
  }

  /** Resolves {@code target} and {@code target.args} of {@code config}; classes load via {@code parent} first. */
  public static JpfTarget resolve(JpfConfig config, ClassLoader parent) throws JpfConfigException {
    String className = config.get("target");
    if (className == null || className.isBlank()) {
      throw new JpfConfigException(Origin.file(config.file()),
          "no 'target' key: name the class whose main Java PathFinder runs");
    }
    List<String> classpath = config.paths("classpath");
    URLClassLoader loader = new URLClassLoader(urls(classpath), parent);
    List<String> args = config.list("target.args");
    try {
      Class<?> type = load(loader, className.trim(), classpath);
      Harness harness = build(type, args);
      return new JpfTarget(type.getName(), args, harness, loader, type.getClassLoader() != loader,
          classpath);
    } catch (TargetException e) {
      close(loader);
      String key = e.badArguments() ? "target.args" : "target";
      throw new JpfConfigException(config.origin(key), key + ": " + e.getMessage());
    }
  }

  /** Builds the harness of {@code className} with {@code args}, loading it through {@code loader}. */
  public static Harness harness(ClassLoader loader, String className, List<String> args)
      throws TargetException {
    return build(load(loader, className, List.of()), args);
  }

  private static Class<?> load(ClassLoader loader, String className, List<String> classpath)
      throws TargetException {
    try {
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new TargetException("class " + className + " not found on the classpath"
          + (classpath.isEmpty() ? "" : " (" + String.join(":", classpath) + ")"), false);
    } catch (LinkageError e) {
      throw new TargetException("cannot load " + className + ": " + e, false);
    }
  }

  private static Harness build(Class<?> type, List<String> args) throws TargetException {
    Method m;
    try {
      m = type.getMethod(HARNESS_METHOD, String[].class);
    } catch (NoSuchMethodException e) {
      m = null;
    }
    if (m == null || !Modifier.isStatic(m.getModifiers())
        || !Harness.class.isAssignableFrom(m.getReturnType())) {
      throw new TargetException(type.getName() + " has no 'public static Harness "
          + HARNESS_METHOD + "(String[])': our explorer needs it to run the program that "
          + type.getSimpleName() + ".main runs", false);
    }
    Object h;
    try {
      h = m.invoke(null, (Object) args.toArray(new String[0]));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException) {
        throw new TargetException(cause.getMessage(), true);
      }
      throw new TargetException(type.getSimpleName() + "." + HARNESS_METHOD + " threw " + cause,
          false);
    } catch (IllegalAccessException e) {
      throw new TargetException("cannot call " + type.getName() + "." + HARNESS_METHOD + ": "
          + e.getMessage(), false);
    }
    if (h == null) {
      throw new TargetException(type.getSimpleName() + "." + HARNESS_METHOD + " returned null",
          false);
    }
    return (Harness) h;
  }

  private static URL[] urls(List<String> classpath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath) {
      Path p = Path.of(entry);
      if (Files.exists(p)) {
        try {
          urls.add(p.toAbsolutePath().normalize().toUri().toURL());
        } catch (MalformedURLException e) {
          // Not a usable path: JPF would not find classes there either.
        }
      }
    }
    return urls.toArray(new URL[0]);
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // Nothing was read through it that still matters.
    }
  }

  public String className() {
    return className;
  }

  /** {@code target.args}, split as JPF splits them. */
  public List<String> args() {
    return args;
  }

  public Harness harness() {
    return harness;
  }

  /**
   * Whether the class came from mirrorcheck's own classpath; otherwise only from the configuration's
   * {@code classpath}, which a replay then needs as {@code --classpath}.
   */
  public boolean fromOwnClasspath() {
    return fromOwnClasspath;
  }

  /** The configuration's classpath entries. */
  public List<String> classpath() {
    return classpath;
  }

  /** For example {@code dev.mirrorcheck.jpf.CalibrationMain.main("3","2","correct")}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(className).append(".main(");
    for (int i = 0; i < args.size(); i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(args.get(i)).append('"');
    }
    return sb.append(')').toString();
  }

  @Override
  public void close() {
    close(loader);
  }
}
