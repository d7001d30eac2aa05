package dev.mirrorcheck.junit;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.StateCheck;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs an {@link ExploreTest} method through the explorer instead of calling it once: JUnit's own
 * invocation is skipped, and the method becomes the harness, called with a fresh world per execution.
 */
public final class ExploreExtension implements InvocationInterceptor, ParameterResolver {
  /** Configuration parameter naming the directory for counterexample files. */
  public static final String OUTPUT_DIR = "mirrorcheck.junit.output";

  /** Where counterexample files go unless {@link #OUTPUT_DIR} says otherwise. */
  public static final String DEFAULT_OUTPUT_DIR = "target/mirrorcheck/junit";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == World.class
        && AnnotationSupport.isAnnotated(parameter.getDeclaringExecutable(), ExploreTest.class);
  }

  /** A stand-in: the explorer passes the real world to each execution. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return PlaceholderWorld.INSTANCE;
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context)
      throws Throwable {
    Method method = invocationContext.getExecutable();
    Optional<ExploreTest> config = AnnotationSupport.findAnnotation(method, ExploreTest.class);
    if (config.isEmpty()) {
      invocation.proceed();
      return;
    }
    invocation.skip();
    Path out = Path.of(context.getConfigurationParameter(OUTPUT_DIR).orElse(DEFAULT_OUTPUT_DIR));
    ExploreRun run = new ExploreRun(config.get(), invocationContext.getTargetClass(),
        method.getName(), out);
    ExploreRun.Outcome outcome = run.run(new MethodHarness(method,
        invocationContext.getTarget().orElse(null), invocationContext.getArguments()));
    if (!outcome.passed()) {
      throw new AssertionFailedError(outcome.message(), outcome.cause());
    }
    context.publishReportEntry("mirrorcheck", outcome.message());
  }

  /** Fails loudly if a test uses its World outside the exploration (it never should). */
  private static final class PlaceholderWorld implements World {
    static final PlaceholderWorld INSTANCE = new PlaceholderWorld();

    private static IllegalStateException unusable() {
      return new IllegalStateException(
          "this World is a placeholder; mirrorcheck passes a fresh one to every execution");
    }

    @Override
    public Sync sync() {
      throw unusable();
    }

    @Override
    public Actor actor(String name, Runnable body) {
      throw unusable();
    }

    @Override
    public void invariant(String property, StateCheck check) {
      throw unusable();
    }

    @Override
    public void atEnd(String property, StateCheck check) {
      throw unusable();
    }

    @Override
    public void finalState(Supplier<String> describe) {
      throw unusable();
    }
  }
}
