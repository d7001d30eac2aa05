package dev.mirrorcheck.junit;

import dev.mirrorcheck.explore.HarnessMethods;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.World;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A test method as a {@link Harness}: each build invokes it with the explorer's world in every
 * {@code World} parameter and JUnit's resolved values in the others.
 */
final class MethodHarness implements Harness {
  private final Method method;
  private final Object target;
  private final Object[] args;

  MethodHarness(Method method, Object target, List<Object> args) {
    this.method = method;
    this.target = target;
    this.args = args.toArray();
    method.setAccessible(true); // test methods and classes are usually package-private
  }

  @Override
  public void build(World world) {
    Object[] call = args.clone();
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == World.class) {
        call[i] = world;
      }
    }
    HarnessMethods.invoke(method, target, call);
  }
}
