package dev.mirrorcheck.jpf;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a class file the Java PathFinder hazard scan needs: the methods it declares, the
 * methods each of its methods calls, and its bootstrap methods (lambdas and other
 * {@code invokedynamic} call sites, in the order Java PathFinder numbers them).
 */
final class ClassFile {
  /** A method call in the code of {@code origin}. */
  record Call(String origin, String owner, String name, String descriptor) {}

  /** A bootstrap method, by the class and name of its bootstrap method handle. */
  record Bootstrap(int index, String owner, String name) {}

  final String name;
  final String superName;
  final List<String> interfaces = new ArrayList<>();
  final List<String> methods = new ArrayList<>(); // name + descriptor
  final List<Call> calls = new ArrayList<>();
  final List<Bootstrap> bootstraps = new ArrayList<>();

  private final Object[] pool;
  private final int[] tags;

  private ClassFile(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    pool = new Object[count];
    tags = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> pool[i] = new int[] {in.readUnsignedShort()};
        case 9, 10, 11, 12, 17, 18 -> pool[i] = new int[] {in.readUnsignedShort(),
            in.readUnsignedShort()};
        case 15 -> pool[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
        default -> throw new IOException("unknown constant tag " + tag);
      }
    }
    in.readUnsignedShort();
    name = className(in.readUnsignedShort());
    int sup = in.readUnsignedShort();
    superName = sup == 0 ? null : className(sup);
    int interfaceCount = in.readUnsignedShort();
    for (int i = 0; i < interfaceCount; i++) {
      interfaces.add(className(in.readUnsignedShort()));
    }
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      skipAttributes(in);
    }
    int methodCount = in.readUnsignedShort();
    for (int i = 0; i < methodCount; i++) {
      in.readUnsignedShort();
      String mName = utf(in.readUnsignedShort());
      String mDesc = utf(in.readUnsignedShort());
      methods.add(mName + mDesc);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attr = utf(in.readUnsignedShort());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        if (attr.equals("Code")) {
          scanCode(mName, body);
        }
      }
    }
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      String attr = utf(in.readUnsignedShort());
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      if (attr.equals("BootstrapMethods")) {
        readBootstraps(body);
      }
    }
  }

  static ClassFile parse(byte[] bytes) throws IOException {
    return new ClassFile(bytes);
  }

  /** The class name as Java writes it (dots, {@code $} for nesting). */
  String javaName() {
    return name.replace('/', '.');
  }

  private String utf(int index) {
    return (String) pool[index];
  }

  private String className(int index) {
    return utf(((int[]) pool[index])[0]);
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    for (int i = 0; i < n; i++) {
      in.readUnsignedShort();
      in.skipNBytes(in.readInt());
    }
  }

  private void scanCode(String method, byte[] attr) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(attr));
    in.readUnsignedShort(); // max_stack
    in.readUnsignedShort(); // max_locals
    byte[] code = new byte[in.readInt()];
    in.readFully(code);
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xff;
      if (op >= 0xb6 && op <= 0xb9) { // invokevirtual, invokespecial, invokestatic, invokeinterface
        int ref = ((code[pc + 1] & 0xff) << 8) | (code[pc + 2] & 0xff);
        int[] mr = (int[]) pool[ref];
        int[] nt = (int[]) pool[mr[1]];
        calls.add(new Call(method, className(mr[0]), utf(nt[0]), utf(nt[1])));
      }
      pc += length(code, pc);
    }
  }

  /** The length of the instruction at {@code pc}. */
  private static int length(byte[] code, int pc) {
    int op = code[pc] & 0xff;
    switch (op) {
      case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc:
        return 2;
      case 0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1,
          0xc6, 0xc7:
        return 3;
      case 0xc5:
        return 4;
      case 0xb9, 0xba, 0xc8, 0xc9:
        return 5;
      case 0xc4: // wide
        return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
      case 0xaa: { // tableswitch
        int p = (pc + 4) & ~3;
        int low = readInt(code, p + 4);
        int high = readInt(code, p + 8);
        return p + 12 + (high - low + 1) * 4 - pc;
      }
      case 0xab: { // lookupswitch
        int p = (pc + 4) & ~3;
        int pairs = readInt(code, p + 4);
        return p + 8 + pairs * 8 - pc;
      }
      default:
        if (op >= 0x99 && op <= 0xa8) {
          return 3; // conditional branches, goto, jsr
        }
        return 1;
    }
  }

  private static int readInt(byte[] b, int p) {
    return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8)
        | (b[p + 3] & 0xff);
  }

  private void readBootstraps(byte[] attr) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(attr));
    int n = in.readUnsignedShort();
    for (int i = 0; i < n; i++) {
      int handle = in.readUnsignedShort();
      int args = in.readUnsignedShort();
      for (int a = 0; a < args; a++) {
        in.readUnsignedShort();
      }
      int[] mh = (int[]) pool[handle];
      int[] mr = (int[]) pool[mh[1]];
      int[] nt = (int[]) pool[mr[1]];
      bootstraps.add(new Bootstrap(i, className(mr[0]), utf(nt[0])));
    }
  }
}
