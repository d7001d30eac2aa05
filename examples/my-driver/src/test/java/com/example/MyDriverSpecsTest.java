package com.example;

import dev.mirrorcheck.junit.DriverSpecs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every scenario under src/test/specs, exhaustively, on MyDriver. */
class MyDriverSpecsTest {
  @TestFactory
  List<DynamicTest> scenarios() {
    return DriverSpecs.tests(MyDriver.class, Path.of("src", "test", "specs"));
  }
}
