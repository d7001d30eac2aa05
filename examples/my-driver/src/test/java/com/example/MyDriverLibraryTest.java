package com.example;

import dev.mirrorcheck.junit.DriverSpecs;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenarios of mirrorcheck's own library, shipped in its jar, on MyDriver. {@code
 * DriverSpecs.library(MyDriver.class)} with no names runs every scenario that applies (about 40
 * seconds); this selection keeps the example's build short.
 */
class MyDriverLibraryTest {
  @TestFactory
  List<DynamicTest> library() {
    return DriverSpecs.library(MyDriver.class, "anon_teardown", "anon_write_child_device",
        "file_write_reclaim", "mirror_release_vs_exit", "mirror_release_vs_munmap",
        "munmap_mid_device_read", "oom_reaper_vs_write", "two_dma_readers");
  }
}
