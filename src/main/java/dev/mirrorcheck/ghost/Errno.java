package dev.mirrorcheck.ghost;

/** Kernel error numbers, negated as kernel functions return them. */
public final class Errno {
  public static final int EPERM = -1;
  public static final int ENOENT = -2;
  public static final int EBADF = -9;
  public static final int EAGAIN = -11;
  public static final int ENOMEM = -12;
  public static final int EACCES = -13;
  public static final int EFAULT = -14;
  public static final int EBUSY = -16;
  public static final int ENODEV = -19;
  public static final int EINVAL = -22;
  public static final int EOPNOTSUPP = -95;

  private Errno() {}

  private static final int[] KNOWN = {
    EPERM, ENOENT, EBADF, EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, ENODEV, EINVAL, EOPNOTSUPP
  };

  /** {@code "-EPERM"} to {@code -1}; null for a name not listed here. */
  public static Integer byName(String name) {
    for (int rc : KNOWN) {
      if (name(rc).equals(name)) {
        return rc;
      }
    }
    return null;
  }

  /** The names {@link #byName} knows, for messages: {@code -EPERM, -ENOENT, ...}. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (int rc : KNOWN) {
      sb.append(sb.length() == 0 ? "" : ", ").append(name(rc));
    }
    return sb.toString();
  }

  /** {@code -EBUSY} to {@code "-EBUSY"}, for messages. */
  public static String name(int rc) {
    switch (rc) {
      case 0: return "0";
      case EPERM: return "-EPERM";
      case ENOENT: return "-ENOENT";
      case EBADF: return "-EBADF";
      case EAGAIN: return "-EAGAIN";
      case ENOMEM: return "-ENOMEM";
      case EACCES: return "-EACCES";
      case EFAULT: return "-EFAULT";
      case EBUSY: return "-EBUSY";
      case ENODEV: return "-ENODEV";
      case EINVAL: return "-EINVAL";
      case EOPNOTSUPP: return "-EOPNOTSUPP";
      default: return Integer.toString(rc);
    }
  }
}
