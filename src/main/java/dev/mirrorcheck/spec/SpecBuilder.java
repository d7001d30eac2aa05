package dev.mirrorcheck.spec;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mutable fields of a {@link Spec} while the parser fills them in. */
final class SpecBuilder {
  String name;
  String file;
  String text;
  String description = "";
  Design design = Design.MODERN;
  Design declaredDesign = Design.MODERN;
  final Set<Design> designs = new LinkedHashSet<>();
  DesignOptions options = DesignOptions.DEFAULT;
  final List<MkeyLifetime> lifetimes = new ArrayList<>(List.of(MkeyLifetime.USECOUNT));
  int hcas = 1;
  int pages;
  int frames = -1;
  int deviceFrames;
  int seqModulus; // 0: the kernel's 64-bit counter
  final List<Spec.Mapping> mappings = new ArrayList<>();
  final List<Spec.FileDecl> files = new ArrayList<>();
  int devices = -1;
  final Set<Integer> closedDevices = new LinkedHashSet<>();
  final Set<Integer> childDevices = new LinkedHashSet<>();
  boolean forkChild;
  String driver; // null: the test driver
  int driverLine;
  int forkLine; // the line of the fork operation, 0 while none was read
  final List<Spec.UmemDecl> umems = new ArrayList<>();
  final Map<String, List<Op>> actors = new LinkedHashMap<>();
  final List<String> properties = new ArrayList<>();
  int propertiesLine;
  final List<Mutation> mutations = new ArrayList<>();
  final List<Mutation> kills = new ArrayList<>();
  final List<String> mustReach = new ArrayList<>();
  int maxSteps = 5_000;
  boolean stopAtFirst = true;
  int timeLimitSeconds;
  int preemptionBound = -1;
  boolean reduce = true;
  String dpor; // "source" or "optimal"; null: the explorer's default
  int workers; // 0: the command line's choice
  String symmetry; // "off", "start" or "states"; null: the explorer's default
  Spec.Expect expect;
  int expectLine;
  final List<String> expectProperties = new ArrayList<>();
}
