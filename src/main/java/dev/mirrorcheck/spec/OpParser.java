package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.vocabulary.DidYouMean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses one operation line ({@code device-fault 0..1 write dev 1}) into an {@link Op}. */
final class OpParser {
  private final String file;

  OpParser(String file) {
    this.file = file;
  }

  Op parse(String text, int line) throws SpecException {
    List<String> tokens = new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
    if (tokens.isEmpty() || tokens.get(0).isEmpty()) {
      throw error(line, "empty operation");
    }
    OpKind kind = OpKind.byWord(tokens.get(0));
    if (kind == null) {
      throw error(line, "unknown operation '" + tokens.get(0) + "'"
          + DidYouMean.hint(tokens.get(0), OpKind.words()) + " (see 'mirrorcheck list operations')");
    }
    PageRange range = null;
    int value = 0;
    String perm = null;
    String name = null;
    int index = 0;
    int pos = 1;
    for (OpKind.Arg arg : kind.args()) {
      if (pos >= tokens.size()) {
        throw error(line, "'" + kind.word() + "' needs " + kind.syntax());
      }
      String t = tokens.get(pos++);
      switch (arg) {
        case RANGE:
        case PAGE:
          range = PageRange.parse(t);
          if (range == null || (arg == OpKind.Arg.PAGE && range.size() != 1)) {
            throw error(line, "'" + t + "' is not a " + (arg == OpKind.Arg.PAGE ? "page" : "page range")
                + " in '" + text.trim() + "' (expected " + kind.syntax() + ")");
          }
          break;
        case VALUE:
          value = integer(t, line, "value");
          break;
        case PERM:
          if (!t.equals("ro") && !t.equals("rw") && !t.equals("none")) {
            throw error(line, "protection must be ro, rw or none, got '" + t + "'");
          }
          perm = t;
          break;
        case NAME:
          name = t;
          break;
        case INDEX:
          index = integer(t, line, "index");
          break;
        default:
          throw new AssertionError(arg);
      }
    }
    boolean write = false;
    int device = 0;
    String umem = null;
    String mm = null;
    List<Expectation> expectations = new ArrayList<>();
    Op.Flags flags = new Op.Flags();
    while (pos < tokens.size()) {
      String t = tokens.get(pos++);
      if (t.equals("retry") && kind.keys().contains(OpKind.Key.RETRY)) {
        flags.retry = true;
      } else if (t.equals("flush") && kind.keys().contains(OpKind.Key.FLUSH)) {
        flags.flush = true;
      } else if (t.equals("no-fault") && kind.keys().contains(OpKind.Key.NOFAULT)) {
        flags.noFault = true;
      } else if (t.equals("as")) {
        flags.as = next(tokens, pos++, line, "as");
        if (!flags.as.matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw error(line, "'as " + flags.as + "': the name must be an identifier");
        }
      } else if (t.equals("after")) {
        flags.after.add(next(tokens, pos++, line, "after"));
      } else if (t.equals("if")) {
        pos = conditions(tokens, pos, line, flags.conditions);
      } else if ((t.equals("read") || t.equals("write")) && kind.keys().contains(OpKind.Key.ACCESS)) {
        write = t.equals("write");
      } else if (t.equals("dev") && kind.keys().contains(OpKind.Key.DEV)) {
        device = integer(next(tokens, pos++, line, "dev"), line, "device index");
      } else if (t.equals("umem") && kind.keys().contains(OpKind.Key.UMEM)) {
        umem = next(tokens, pos++, line, "umem");
      } else if (t.equals("mm") && kind.keys().contains(OpKind.Key.MM)) {
        mm = next(tokens, pos++, line, "mm");
      } else if (t.equals("expect") && kind.keys().contains(OpKind.Key.EXPECT)) {
        String e = next(tokens, pos++, line, "expect");
        for (String page : e.split("/", -1)) {
          expectations.add(expectation(kind, page, line));
        }
      } else {
        throw error(line, "unexpected '" + t + "' in '" + text.trim() + "' (expected " + kind.syntax() + ")");
      }
    }
    if (device < 0) {
      throw error(line, "device index must be >= 0, got " + device);
    }
    if (expectations.size() > 1 && (range == null || expectations.size() != range.size())) {
      throw error(line, "expect lists " + expectations.size() + " outcomes, one per page, but '"
          + kind.word() + "' covers " + (range == null ? 1 : range.size()) + " page(s)");
    }
    if (!flags.conditions.isEmpty() && expectations.isEmpty()) {
      throw error(line, "'if' qualifies an expect clause, and '" + text.trim() + "' has none");
    }
    return new Op(kind, line, text.trim(), range, value, perm, name, index, write, device, umem, mm,
        ImmutableList.copyOf(expectations), flags);
  }

  /** One page's outcomes: {@code ok}, or alternatives such as {@code 10|fault} or {@code r|none}. */
  private Expectation expectation(OpKind kind, String text, int line) throws SpecException {
    String wanted = "'" + kind.word() + "' takes " + kind.syntax().substring(
        kind.syntax().indexOf("expect ")).replace("]", "");
    List<Integer> values = new ArrayList<>();
    List<Integer> errnos = new ArrayList<>();
    boolean fault = false;
    boolean ok = false;
    for (String alt : text.split("\\|")) {
      if (alt.startsWith("-E")) {
        if (!kind.expectsErrno()) {
          throw error(line, "'" + alt + "': only calls that return an error number take one ("
              + OpKind.errnoWords() + "); '" + kind.word() + "' takes " + wanted.substring(
                  wanted.indexOf("takes ") + 6));
        }
        Integer rc = Errno.byName(alt);
        if (rc == null) {
          throw error(line, "'" + alt + "' is not an error number this model returns ("
              + Errno.names() + ")");
        }
        errnos.add(rc);
      } else if (alt.equals("ok")) {
        if (!kind.expectsOk()) {
          throw error(line, "'expect ok' does not apply: " + wanted);
        }
        ok = true;
      } else if (alt.equals("fault") && !kind.expectsProtections()) {
        fault = true;
      } else if (kind.expectsProtections()) {
        Integer prot = SnapshotProt.byName(alt);
        if (prot == null) {
          throw error(line, "'" + alt + "' is not a snapshot protection (" + SnapshotProt.names()
              + ")");
        }
        values.add(prot);
      } else if (!kind.expectsValues()) {
        throw error(line, "'" + alt + "' is not an outcome of '" + kind.word() + "': " + wanted);
      } else {
        values.add(integer(alt, line, "expected value"));
      }
    }
    return new Expectation(ImmutableList.copyOf(values), fault, ok, ImmutableList.copyOf(errnos));
  }

  /**
   * {@code if NAME RESULT [and NAME RESULT]...} from {@code pos} (after {@code if}); returns the
   * position after it.
   */
  private int conditions(List<String> tokens, int pos, int line, List<Condition> out)
      throws SpecException {
    while (true) {
      String name = next(tokens, pos++, line, "if");
      String result = next(tokens, pos++, line, "if " + name);
      Condition c;
      if (result.equals("ok")) {
        c = new Condition(name, Condition.Result.OK, 0);
      } else if (result.equals("fault")) {
        c = new Condition(name, Condition.Result.FAULT, 0);
      } else if (result.equals("done")) {
        c = new Condition(name, Condition.Result.DONE, 0);
      } else {
        int v;
        try {
          v = Integer.parseInt(result);
        } catch (NumberFormatException e) {
          throw error(line, "'if " + name + " " + result + "': the result must be ok, fault, done "
              + "or a value");
        }
        c = new Condition(name, Condition.Result.VALUE, v);
      }
      out.add(c);
      if (pos < tokens.size() && tokens.get(pos).equals("and")) {
        pos++;
        continue;
      }
      return pos;
    }
  }

  private String next(List<String> tokens, int pos, int line, String key) throws SpecException {
    if (pos >= tokens.size()) {
      throw error(line, "'" + key + "' needs a value");
    }
    return tokens.get(pos);
  }

  private int integer(String t, int line, String what) throws SpecException {
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw error(line, what + " must be an integer, got '" + t + "'");
    }
  }

  private SpecException error(int line, String problem) {
    return new SpecException(file, line, problem);
  }
}
