package dev.mirrorcheck.selftest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of programs, for minimised counterexamples and the regression corpus:
 *
 * <pre>
 * int x = 0;  long y = 0;  bool b = 0;  ref p = 0;  int[2] a = 0;  ref[2] q = 0;
 * mutex m;  rwsem rw fair;  queue wq;          # fair: a queued writer blocks readers
 * actor a0 {
 *   r0 = x.get;  x.set(r0 + 1);  r1 = x.add(5);  r2 = x.cas(1, 2);  r0 = b.xchg(1);
 *   r1 = x.peek;  x.poke(3);  a[1].set(2);
 *   lock m { ... }  trylock m { ... } else { ... }
 *   read rw { ... }  write rw { ... }  tryread rw { ... } else { ... }  trywrite rw { ... }
 *   r0 = held m;  atomic { ... }  wait wq until x == 1 &amp;&amp; y != 0;  sleep wq;  wake wq;
 *   r0 = choose 2;  if r0 == 1 { ... } else { ... }  retry 2 { ... } until r0 == 1;
 *   assert A1: r0 != 5;  spawn c0;  join c0;
 * }
 * child c0 { ... }
 * invariant I1: x == 1 =&gt; y != 2;   # optional guard before =&gt;
 * at end E1: x != 3;
 * </pre>
 *
 * Registers are {@code r0}..{@code r2}; {@code #} starts a comment.
 */
public final class ProgramText {
  private ProgramText() {}

  /** A malformed program text; the message names the line. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParseException(int line, String message) {
      super("line " + line + ": " + message);
    }
  }

  // ------------------------------------------------------------------ printing

  public static String print(Program p) {
    StringBuilder sb = new StringBuilder();
    for (Program.Cell c : p.cells()) {
      if (c.type().array()) {
        sb.append(c.type() == Program.Type.INT_ARRAY ? "int" : "ref").append('[').append(c.length())
            .append(']');
      } else {
        sb.append(c.type().keyword);
      }
      sb.append(' ').append(c.name()).append(" = ").append(c.initial()).append(";\n");
    }
    for (String m : p.mutexes()) {
      sb.append("mutex ").append(m).append(";\n");
    }
    for (Program.Sem s : p.sems()) {
      sb.append("rwsem ").append(s.name()).append(s.fair() ? " fair" : " unfair").append(";\n");
    }
    for (String q : p.queues()) {
      sb.append("queue ").append(q).append(";\n");
    }
    for (Program.ActorDef a : p.actors()) {
      sb.append(a.child() ? "child " : "actor ").append(a.name()).append(' ');
      new Printer(p, sb).block(a.body(), 0);
      sb.append('\n');
    }
    for (Program.Check c : p.checks()) {
      sb.append(c.kind() == Program.CheckKind.INVARIANT ? "invariant " : "at end ")
          .append(c.property()).append(": ");
      if (c.guard() != null) {
        sb.append(cond(p, c.guard(), false)).append(" => ");
      }
      sb.append(cond(p, c.condition(), false)).append(";\n");
    }
    return sb.toString();
  }

  /** A condition, with location names taken from {@code p} ({@code cN} without one). */
  static String print(Cond c) {
    return cond(null, c, false);
  }

  private static String cond(Program p, Cond c, boolean nested) {
    if (c instanceof Cond.Cmp cmp) {
      return operand(p, cmp.left()) + (cmp.equal() ? " == " : " != ") + operand(p, cmp.right());
    }
    boolean all = c instanceof Cond.All;
    List<Cond> parts = all ? ((Cond.All) c).parts() : ((Cond.Any) c).parts();
    StringBuilder sb = new StringBuilder();
    for (Cond part : parts) {
      if (sb.length() > 0) {
        sb.append(all ? " && " : " || ");
      }
      sb.append(cond(p, part, true));
    }
    return nested && parts.size() > 1 ? "(" + sb + ")" : sb.toString();
  }

  private static String operand(Program p, Cond.Operand o) {
    if (o instanceof Cond.Reg r) {
      return "r" + r.reg();
    }
    if (o instanceof Cond.Const k) {
      return Integer.toString(k.value());
    }
    return loc(p, ((Cond.At) o).loc());
  }

  private static String loc(Program p, Loc l) {
    if (p == null) {
      return "c" + l.cell() + (l.element() == 0 ? "" : "[" + l.element() + "]");
    }
    Program.Cell c = p.cells().get(l.cell());
    return c.name() + (c.type().array() ? "[" + l.element() + "]" : "");
  }

  private static String expr(Expr e) {
    if (e.isConstant()) {
      return Integer.toString(e.constant());
    }
    String r = "r" + e.reg();
    if (e.constant() == 0) {
      return r;
    }
    return r + (e.constant() > 0 ? " + " + e.constant() : " - " + -(long) e.constant());
  }

  private static final class Printer {
    private final Program p;
    private final StringBuilder sb;

    Printer(Program p, StringBuilder sb) {
      this.p = p;
      this.sb = sb;
    }

    void block(List<Stmt> body, int depth) {
      sb.append("{\n");
      for (Stmt s : body) {
        indent(depth + 1);
        stmt(s, depth + 1);
        sb.append('\n');
      }
      indent(depth);
      sb.append('}');
    }

    private void indent(int depth) {
      for (int i = 0; i < depth; i++) {
        sb.append("  ");
      }
    }

    private void elseBlock(List<Stmt> otherwise, int depth) {
      if (!otherwise.isEmpty()) {
        sb.append(" else ");
        block(otherwise, depth);
      }
    }

    private void stmt(Stmt s, int depth) {
      if (s instanceof Stmt.Get g) {
        sb.append('r').append(g.reg()).append(" = ").append(loc(p, g.loc())).append(".get;");
      } else if (s instanceof Stmt.Set st) {
        sb.append(loc(p, st.loc())).append(".set(").append(expr(st.value())).append(");");
      } else if (s instanceof Stmt.Add a) {
        sb.append('r').append(a.reg()).append(" = ").append(loc(p, a.loc())).append(".add(")
            .append(a.delta()).append(");");
      } else if (s instanceof Stmt.Cas c) {
        sb.append('r').append(c.reg()).append(" = ").append(loc(p, c.loc())).append(".cas(")
            .append(expr(c.expected())).append(", ").append(expr(c.value())).append(");");
      } else if (s instanceof Stmt.Xchg x) {
        sb.append('r').append(x.reg()).append(" = ").append(loc(p, x.loc())).append(".xchg(")
            .append(expr(x.value())).append(");");
      } else if (s instanceof Stmt.Peek pk) {
        sb.append('r').append(pk.reg()).append(" = ").append(loc(p, pk.loc())).append(".peek;");
      } else if (s instanceof Stmt.Poke pk) {
        sb.append(loc(p, pk.loc())).append(".poke(").append(expr(pk.value())).append(");");
      } else if (s instanceof Stmt.Locked l) {
        sb.append("lock ").append(p.mutexes().get(l.mutex())).append(' ');
        block(l.body(), depth);
      } else if (s instanceof Stmt.TryLocked t) {
        sb.append("trylock ").append(p.mutexes().get(t.mutex())).append(' ');
        block(t.body(), depth);
        elseBlock(t.otherwise(), depth);
      } else if (s instanceof Stmt.RwLocked rw) {
        sb.append(rw.write() ? "write " : "read ").append(p.sems().get(rw.sem()).name()).append(' ');
        block(rw.body(), depth);
      } else if (s instanceof Stmt.TryRwLocked rw) {
        sb.append(rw.write() ? "trywrite " : "tryread ").append(p.sems().get(rw.sem()).name())
            .append(' ');
        block(rw.body(), depth);
        elseBlock(rw.otherwise(), depth);
      } else if (s instanceof Stmt.Held h) {
        sb.append('r').append(h.reg()).append(" = held ")
            .append(h.sem() ? p.sems().get(h.object()).name() : p.mutexes().get(h.object()))
            .append(';');
      } else if (s instanceof Stmt.Atomic at) {
        sb.append("atomic ");
        block(at.body(), depth);
      } else if (s instanceof Stmt.Wait w) {
        sb.append("wait ").append(p.queues().get(w.queue())).append(" until ")
            .append(cond(p, w.condition(), false)).append(';');
      } else if (s instanceof Stmt.Sleep sl) {
        sb.append("sleep ").append(p.queues().get(sl.queue())).append(';');
      } else if (s instanceof Stmt.Wake wk) {
        sb.append("wake ").append(p.queues().get(wk.queue())).append(';');
      } else if (s instanceof Stmt.Choose ch) {
        sb.append('r').append(ch.reg()).append(" = choose ").append(ch.n()).append(';');
      } else if (s instanceof Stmt.If f) {
        sb.append("if ").append(cond(p, f.condition(), false)).append(' ');
        block(f.then(), depth);
        elseBlock(f.otherwise(), depth);
      } else if (s instanceof Stmt.Retry rt) {
        sb.append("retry ").append(rt.max()).append(' ');
        block(rt.body(), depth);
        sb.append(" until ").append(cond(p, rt.until(), false)).append(';');
      } else if (s instanceof Stmt.Assert as) {
        sb.append("assert ").append(as.property()).append(": ")
            .append(cond(p, as.condition(), false)).append(';');
      } else if (s instanceof Stmt.Spawn sp) {
        sb.append("spawn ").append(p.actors().get(sp.actor()).name()).append(';');
      } else if (s instanceof Stmt.Join j) {
        sb.append("join ").append(p.actors().get(j.actor()).name()).append(';');
      } else {
        throw new IllegalArgumentException("unknown statement " + s);
      }
    }
  }

  // ------------------------------------------------------------------ parsing

  /** Parses a program; throws {@link ParseException} naming the line of the first problem. */
  public static Program parse(String text) {
    return new Parser(text).program();
  }

  private static final class Parser {
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private int pos;
    private final List<Program.Cell> cells = new ArrayList<>();
    private final List<String> mutexes = new ArrayList<>();
    private final List<Program.Sem> sems = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> actorNames = new ArrayList<>();
    private final List<Boolean> actorIsChild = new ArrayList<>();
    private final Map<String, String> kinds = new HashMap<>();

    Parser(String text) {
      int line = 1;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\n') {
          line++;
          i++;
        } else if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#') {
          while (i < text.length() && text.charAt(i) != '\n') {
            i++;
          }
        } else if (Character.isLetter(c) || c == '_') {
          int j = i;
          while (j < text.length()
              && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
          }
          add(text.substring(i, j), line);
          i = j;
        } else if (Character.isDigit(c)
            || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
          int j = i + 1;
          while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
          }
          add(text.substring(i, j), line);
          i = j;
        } else {
          String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
          if (two.equals("==") || two.equals("!=") || two.equals("&&") || two.equals("||")
              || two.equals("=>")) {
            add(two, line);
            i += 2;
          } else if ("{}()[];=.,:+-".indexOf(c) >= 0) {
            add(String.valueOf(c), line);
            i++;
          } else {
            throw new ParseException(line, "unexpected character '" + c + "'");
          }
        }
      }
      lines.add(line);
    }

    private void add(String token, int line) {
      tokens.add(token);
      lines.add(line);
    }

    private int line() {
      return lines.get(Math.min(pos, lines.size() - 1));
    }

    private ParseException error(String message) {
      return new ParseException(line(), message);
    }

    private String peek() {
      return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private boolean at(String t) {
      return peek().equals(t);
    }

    private String next() {
      if (pos >= tokens.size()) {
        throw error("unexpected end of text");
      }
      return tokens.get(pos++);
    }

    private void expect(String t) {
      String got = next();
      if (!got.equals(t)) {
        pos--;
        throw error("expected '" + t + "' but found '" + got + "'");
      }
    }

    private boolean accept(String t) {
      if (at(t)) {
        pos++;
        return true;
      }
      return false;
    }

    private int number() {
      String t = next();
      try {
        return Integer.parseInt(t);
      } catch (NumberFormatException e) {
        pos--;
        throw error("expected a number but found '" + t + "'");
      }
    }

    private String name() {
      String t = next();
      if (t.isEmpty() || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
        pos--;
        throw error("expected a name but found '" + t + "'");
      }
      return t;
    }

    private String declare(String kind) {
      String n = name();
      if (n.matches("r[0-9]+")) {
        pos--;
        throw error("'" + n + "' is a register name");
      }
      if (kinds.containsKey(n)) {
        pos--;
        throw error("'" + n + "' is declared twice");
      }
      kinds.put(n, kind);
      return n;
    }

    Program program() {
      // First pass: declarations and actor names, so bodies may spawn children declared later.
      int start = pos;
      while (pos < tokens.size()) {
        String t = peek();
        if (t.equals("actor") || t.equals("child")) {
          next();
          actorNames.add(declare("actor"));
          actorIsChild.add(t.equals("child"));
          skipBraces();
        } else if (t.equals("invariant") || t.equals("at")) {
          while (!accept(";")) {
            next();
          }
        } else {
          declaration();
        }
      }
      pos = start;
      List<Program.ActorDef> actors = new ArrayList<>();
      List<Program.Check> checks = new ArrayList<>();
      Program shell = new Program(cells, mutexes, sems, queues, List.of(), List.of());
      while (pos < tokens.size()) {
        String t = next();
        if (t.equals("actor") || t.equals("child")) {
          String n = next();
          actors.add(new Program.ActorDef(n, t.equals("child"), block(shell)));
        } else if (t.equals("invariant") || t.equals("at")) {
          if (t.equals("at")) {
            expect("end");
          }
          String property = name();
          expect(":");
          Cond first = cond(shell, false);
          Cond guard = null;
          Cond body = first;
          if (accept("=>")) {
            guard = first;
            body = cond(shell, false);
          }
          expect(";");
          checks.add(new Program.Check(t.equals("at") ? Program.CheckKind.AT_END
              : Program.CheckKind.INVARIANT, property, guard, body));
        } else {
          pos--;
          skipDeclaration();
        }
      }
      if (actors.stream().noneMatch(a -> !a.child())) {
        throw new ParseException(line(), "no actor");
      }
      return new Program(cells, mutexes, sems, queues, actors, checks);
    }

    private void skipBraces() {
      expect("{");
      int depth = 1;
      while (depth > 0) {
        String t = next();
        if (t.equals("{")) {
          depth++;
        } else if (t.equals("}")) {
          depth--;
        }
      }
    }

    private void skipDeclaration() {
      while (!accept(";")) {
        next();
      }
    }

    private void declaration() {
      String t = next();
      switch (t) {
        case "mutex":
          mutexes.add(declare("mutex"));
          break;
        case "queue":
          queues.add(declare("queue"));
          break;
        case "rwsem": {
          String n = declare("rwsem");
          String fairness = next();
          if (!fairness.equals("fair") && !fairness.equals("unfair")) {
            pos--;
            throw error("expected 'fair' or 'unfair' after rwsem " + n);
          }
          sems.add(new Program.Sem(n, fairness.equals("fair")));
          break;
        }
        case "int":
        case "long":
        case "bool":
        case "ref": {
          int length = 1;
          boolean array = accept("[");
          if (array) {
            if (t.equals("long") || t.equals("bool")) {
              pos--;
              throw error(t + " arrays do not exist (int[] and ref[] do)");
            }
            length = number();
            if (length < 1 || length > 8) {
              pos--;
              throw error("array length must be 1..8");
            }
            expect("]");
          }
          String n = declare("cell");
          expect("=");
          int initial = number();
          Program.Type type = array
              ? (t.equals("int") ? Program.Type.INT_ARRAY : Program.Type.REF_ARRAY)
              : Program.Type.valueOf(t.toUpperCase(java.util.Locale.ROOT));
          cells.add(new Program.Cell(n, type, length, initial));
          break;
        }
        default:
          pos--;
          throw error("expected a declaration, actor or check but found '" + t + "'");
      }
      expect(";");
    }

    private List<Stmt> block(Program p) {
      expect("{");
      List<Stmt> out = new ArrayList<>();
      while (!accept("}")) {
        out.add(stmt(p));
      }
      return out;
    }

    private List<Stmt> elseBlock(Program p) {
      return accept("else") ? block(p) : List.of();
    }

    private int index(List<String> names, String kind) {
      String n = name();
      int i = names.indexOf(n);
      if (i < 0) {
        pos--;
        throw error("unknown " + kind + " '" + n + "'");
      }
      return i;
    }

    private int sem() {
      String n = name();
      for (int i = 0; i < sems.size(); i++) {
        if (sems.get(i).name().equals(n)) {
          return i;
        }
      }
      pos--;
      throw error("unknown rwsem '" + n + "'");
    }

    private int actor() {
      return index(actorNames, "actor");
    }

    private Stmt stmt(Program p) {
      String t = peek();
      if (t.matches("r[0-9]+") && pos + 1 < tokens.size() && tokens.get(pos + 1).equals("=")) {
        int reg = register();
        expect("=");
        return assignment(p, reg);
      }
      switch (t) {
        case "lock":
          next();
          return new Stmt.Locked(index(mutexes, "mutex"), block(p));
        case "trylock": {
          next();
          int m = index(mutexes, "mutex");
          return new Stmt.TryLocked(m, block(p), elseBlock(p));
        }
        case "read":
        case "write": {
          next();
          int s = sem();
          return new Stmt.RwLocked(s, t.equals("write"), block(p));
        }
        case "tryread":
        case "trywrite": {
          next();
          int s = sem();
          return new Stmt.TryRwLocked(s, t.equals("trywrite"), block(p), elseBlock(p));
        }
        case "atomic":
          next();
          return new Stmt.Atomic(block(p));
        case "wait": {
          next();
          int q = index(queues, "queue");
          expect("until");
          Cond c = cond(p, false);
          expect(";");
          return new Stmt.Wait(q, c);
        }
        case "sleep":
        case "wake": {
          next();
          int q = index(queues, "queue");
          expect(";");
          return t.equals("sleep") ? new Stmt.Sleep(q) : new Stmt.Wake(q);
        }
        case "if": {
          next();
          Cond c = cond(p, true);
          return new Stmt.If(c, block(p), elseBlock(p));
        }
        case "retry": {
          next();
          int max = number();
          if (max < 1 || max > 10) {
            pos--;
            throw error("retry count must be 1..10");
          }
          List<Stmt> body = block(p);
          expect("until");
          Cond c = cond(p, true);
          expect(";");
          return new Stmt.Retry(max, body, c);
        }
        case "assert": {
          next();
          String property = name();
          expect(":");
          Cond c = cond(p, true);
          expect(";");
          return new Stmt.Assert(property, c);
        }
        case "spawn":
        case "join": {
          next();
          int a = actor();
          if (!actorIsChild.get(a)) {
            pos--;
            throw error("'" + actorNames.get(a) + "' is not a child actor");
          }
          expect(";");
          return t.equals("spawn") ? new Stmt.Spawn(a) : new Stmt.Join(a);
        }
        default:
          break;
      }
      Loc l = loc(p);
      expect(".");
      String op = next();
      if (!op.equals("set") && !op.equals("poke")) {
        pos--;
        throw error("expected set or poke, found '" + op + "' (other operations assign a register)");
      }
      expect("(");
      Expr v = expr();
      expect(")");
      expect(";");
      return op.equals("set") ? new Stmt.Set(l, v) : new Stmt.Poke(l, v);
    }

    private int register() {
      String t = next();
      if (!t.matches("r[0-9]+")) {
        pos--;
        throw error("expected a register r0..r" + (Program.REGISTERS - 1));
      }
      int r = Integer.parseInt(t.substring(1));
      if (r >= Program.REGISTERS) {
        pos--;
        throw error("no register " + t + " (r0..r" + (Program.REGISTERS - 1) + ")");
      }
      return r;
    }

    private Stmt assignment(Program p, int reg) {
      if (accept("choose")) {
        int n = number();
        if (n < 1 || n > 8) {
          pos--;
          throw error("choose takes 1..8 values");
        }
        expect(";");
        return new Stmt.Choose(n, reg);
      }
      if (accept("held")) {
        String n = name();
        pos--;
        Stmt s = mutexes.contains(n) ? new Stmt.Held(false, index(mutexes, "mutex"), reg)
            : new Stmt.Held(true, sem(), reg);
        expect(";");
        return s;
      }
      Loc l = loc(p);
      Program.Type type = p.cells().get(l.cell()).type();
      expect(".");
      String op = next();
      Stmt s;
      switch (op) {
        case "get":
          s = new Stmt.Get(l, reg);
          break;
        case "peek":
          s = new Stmt.Peek(l, reg);
          break;
        case "add": {
          require(type.hasAdd(), op, type);
          expect("(");
          int d = number();
          expect(")");
          s = new Stmt.Add(l, d, reg);
          break;
        }
        case "cas": {
          require(type.hasCas(), op, type);
          expect("(");
          Expr e = expr();
          expect(",");
          Expr v = expr();
          expect(")");
          s = new Stmt.Cas(l, e, v, reg);
          break;
        }
        case "xchg": {
          require(type.hasXchg(), op, type);
          expect("(");
          Expr v = expr();
          expect(")");
          s = new Stmt.Xchg(l, v, reg);
          break;
        }
        default:
          pos--;
          throw error("unknown operation '" + op + "'");
      }
      expect(";");
      return s;
    }

    private void require(boolean ok, String op, Program.Type type) {
      if (!ok) {
        pos--;
        throw error(type.keyword + " cells have no " + op);
      }
    }

    private Loc loc(Program p) {
      String n = name();
      int cell = -1;
      for (int i = 0; i < p.cells().size(); i++) {
        if (p.cells().get(i).name().equals(n)) {
          cell = i;
        }
      }
      if (cell < 0) {
        pos--;
        throw error("unknown cell '" + n + "'");
      }
      Program.Cell c = p.cells().get(cell);
      if (!c.type().array()) {
        return Loc.of(cell);
      }
      expect("[");
      int e = number();
      if (e < 0 || e >= c.length()) {
        pos--;
        throw error("index " + e + " out of range for " + n);
      }
      expect("]");
      return new Loc(cell, e);
    }

    private Expr expr() {
      if (peek().matches("r[0-9]+")) {
        int r = register();
        if (accept("+")) {
          return Expr.register(r, number());
        }
        if (accept("-")) {
          return Expr.register(r, -number());
        }
        return Expr.register(r, 0);
      }
      return Expr.constant(number());
    }

    /** A condition; {@code registers}: over registers (else over locations). */
    private Cond cond(Program p, boolean registers) {
      List<Cond> any = new ArrayList<>();
      do {
        List<Cond> all = new ArrayList<>();
        do {
          all.add(atom(p, registers));
        } while (accept("&&"));
        any.add(all.size() == 1 ? all.get(0) : new Cond.All(all));
      } while (accept("||"));
      return any.size() == 1 ? any.get(0) : new Cond.Any(any);
    }

    private Cond atom(Program p, boolean registers) {
      if (accept("(")) {
        Cond c = cond(p, registers);
        expect(")");
        return c;
      }
      Cond.Operand left = operand(p, registers);
      String op = next();
      if (!op.equals("==") && !op.equals("!=")) {
        pos--;
        throw error("expected == or != but found '" + op + "'");
      }
      return new Cond.Cmp(left, op.equals("=="), operand(p, registers));
    }

    private Cond.Operand operand(Program p, boolean registers) {
      String t = peek();
      if (t.matches("-?[0-9]+")) {
        return new Cond.Const(number());
      }
      if (t.matches("r[0-9]+")) {
        if (!registers) {
          throw error("a state condition cannot read register " + t);
        }
        return new Cond.Reg(register());
      }
      if (registers) {
        throw error("a register condition cannot read shared state ('" + t + "')");
      }
      return new Cond.At(loc(p));
    }
  }
}
