package dev.mirrorcheck.junit;

import dev.mirrorcheck.explore.ExplorerOptions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method whose body is a harness: mirrorcheck calls it once per execution with a fresh
 * {@link dev.mirrorcheck.sync.World} and explores every interleaving of the world it builds. Keep all
 * shared state in the world, not in fields: the method runs many times on one test instance.
 *
 * <p>For {@code ./mirrorcheck replay} to rebuild the harness, the method's only parameters should be
 * {@code World}s and the class should have a no-argument constructor.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(ExploreExtension.class)
public @interface ExploreTest {
  /** Step bound per execution; an execution reaching it makes the verdict BOUND_HIT. */
  int maxSteps() default ExplorerOptions.DEFAULT_MAX_STEPS;

  /** Stop at the first violation, or collect every distinct one. */
  boolean stopAtFirst() default true;

  /** Wall-clock limit in seconds, 0 for none; reaching it makes the verdict INCOMPLETE. */
  long timeLimitSeconds() default 0;

  /** Preemption bound, -1 for none; a bound makes the search non-exhaustive (INCOMPLETE). */
  int preemptionBound() default -1;

  /** Merge critical sections into atomic steps where sound (Lipton's reduction). */
  boolean reduce() default true;

  /**
   * The partial-order reduction: optimal DPOR (default), which gives way to source-DPOR at the
   * first context-dependent step, or source-DPOR.
   */
  dev.mirrorcheck.explore.ExplorerOptions.Dpor dpor()
      default dev.mirrorcheck.explore.ExplorerOptions.Dpor.OPTIMAL;

  /**
   * Workers exploring at once (source-DPOR without a preemption bound; otherwise one): the verdict,
   * violations and completed executions do not depend on it. 0: every core of the machine.
   */
  int workers() default 1;

  /** The verdict the test expects. */
  Expect expect() default Expect.PASS;

  /** With {@code expect = VIOLATION}: the property id the violation must name (empty: any). */
  String property() default "";
}
