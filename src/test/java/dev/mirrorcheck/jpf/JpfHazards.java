package dev.mirrorcheck.jpf;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What in a class Java PathFinder cannot run, each with the class and method and what to use
 * instead. The known gaps of jpf-core's {@code java-17} class library are checked always; with a JPF
 * installation, every call into a class JPF replaces by a model is also checked against that model.
 */
final class JpfHazards {
  private final Map<String, ClassFile> models; // internal name -> model class; empty without JPF
  private final ClassLoader loader;

  private JpfHazards(Map<String, ClassFile> models, ClassLoader loader) {
    this.models = models;
    this.loader = loader;
  }

  /** The known gaps only. */
  static JpfHazards known(ClassLoader loader) {
    return new JpfHazards(Map.of(), loader);
  }

  /** The known gaps, and every method JPF's model classes in {@code jpfHome} lack. */
  static JpfHazards withModels(Path jpfHome, ClassLoader loader) throws IOException {
    Map<String, ClassFile> models = new HashMap<>();
    try (ZipFile jar = new ZipFile(jpfHome.resolve("build/jpf-classes.jar").toFile())) {
      for (ZipEntry e : java.util.Collections.list(jar.entries())) {
        String n = e.getName();
        if (n.startsWith("modules/") && n.endsWith(".class")) {
          String internal = n.substring(n.indexOf('/', "modules/".length()) + 1, n.length() - 6);
          try (InputStream in = jar.getInputStream(e)) {
            models.put(internal, ClassFile.parse(in.readAllBytes()));
          }
        }
      }
    }
    return new JpfHazards(models, loader);
  }

  int modelClasses() {
    return models.size();
  }

  /** The hazards in {@code className}, one line each. */
  List<String> scan(String className) throws IOException {
    ClassFile c = load(className);
    List<String> out = new ArrayList<>();
    java.util.Set<String> reported = new java.util.HashSet<>(); // one line per method and gap
    String where = c.javaName();
    for (ClassFile.Call call : c.calls) {
      String at = where + "." + call.origin();
      String callee = call.owner().replace('/', '.') + "." + call.name();
      String problem = knownGap(call);
      if (problem != null) {
        if (reported.add(at + problem)) {
          out.add(at + " calls " + callee + ": " + problem);
        }
      } else if (models.containsKey(call.owner())
          && !modelHas(call.owner(), call.name() + call.descriptor(), !call.name().equals("<init>"))) {
        out.add(at + " calls " + callee + call.descriptor() + ", which Java PathFinder's model of "
            + call.owner().replace('/', '.') + " lacks (a NoSuchMethodError under JPF): avoid it");
      }
    }
    for (ClassFile.Bootstrap b : c.bootstraps) {
      boolean lambda = b.owner().equals("java/lang/invoke/LambdaMetafactory");
      if (lambda && b.index() > 0 && exists(c.name + "$" + b.index())) {
        out.add(where + ": Java PathFinder names its lambda or method reference #" + (b.index() + 1)
            + " " + c.javaName() + "$" + b.index() + ", a class javac already made (an enum switch "
            + "map or an anonymous class), and crashes in FunctionObjectFactory: replace the enum "
            + "switch by an if chain, or move the lambda into a named class");
      }
    }
    return out;
  }

  /** The gaps known without looking at JPF's models: what to use instead, or null. */
  private static String knownGap(ClassFile.Call call) {
    String owner = call.owner();
    if (owner.equals("java/lang/String") && call.name().equals("join")) {
      return "Java PathFinder's String has no join; append to a StringBuilder in a loop";
    }
    if (owner.startsWith("java/util/concurrent/atomic/") && !call.name().equals("get")
        && !call.name().equals("<init>")) {
      return "Java PathFinder models java.util.concurrent.atomic only in part (AtomicLong has only "
          + "get()); keep the value in a field guarded by a monitor, or volatile";
    }
    if (owner.startsWith("java/util/stream/") || call.descriptor().endsWith(")Ljava/util/stream/Stream;")) {
      return "streams run through lambdas on Java PathFinder's partial models; use a loop";
    }
    return null;
  }

  private boolean exists(String internalName) {
    return loader.getResource(internalName + ".class") != null;
  }

  private ClassFile load(String className) throws IOException {
    String resource = className.replace('.', '/') + ".class";
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no class file for " + className);
      }
      return ClassFile.parse(in.readAllBytes());
    }
  }

  /** Whether the model of {@code owner} declares or (when {@code inherited}) inherits the method. */
  private boolean modelHas(String owner, String nameAndDescriptor, boolean inherited) {
    ClassFile m = models.get(owner);
    if (m == null) {
      return jdkHas(owner, nameAndDescriptor, inherited);
    }
    if (m.methods.contains(nameAndDescriptor)) {
      return true;
    }
    if (!inherited) {
      return false;
    }
    if (m.superName != null && modelHas(m.superName, nameAndDescriptor, true)) {
      return true;
    }
    for (String i : m.interfaces) {
      if (modelHas(i, nameAndDescriptor, true)) {
        return true;
      }
    }
    return false;
  }

  /** For classes JPF does not replace: the JDK's own declaration (or inheritance). */
  private static boolean jdkHas(String owner, String nameAndDescriptor, boolean inherited) {
    Class<?> type;
    try {
      type = Class.forName(owner.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException e) {
      return true; // not a JDK class: nothing JPF replaces
    }
    for (Class<?> t = type; t != null; t = inherited ? t.getSuperclass() : null) {
      if (declares(t, nameAndDescriptor)) {
        return true;
      }
      if (inherited) {
        for (Class<?> i : t.getInterfaces()) {
          if (jdkHas(i.getName().replace('.', '/'), nameAndDescriptor, true)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean declares(Class<?> t, String nameAndDescriptor) {
    for (Method m : t.getDeclaredMethods()) {
      if (nameAndDescriptor.equals(m.getName() + descriptor(m.getParameterTypes(), m.getReturnType()))) {
        return true;
      }
    }
    for (Constructor<?> c : t.getDeclaredConstructors()) {
      if (nameAndDescriptor.equals("<init>" + descriptor(c.getParameterTypes(), void.class))) {
        return true;
      }
    }
    return false;
  }

  private static String descriptor(Class<?>[] params, Class<?> result) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : params) {
      sb.append(p.descriptorString());
    }
    return sb.append(')').append(result.descriptorString()).toString();
  }
}
