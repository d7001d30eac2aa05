package dev.mirrorcheck.sync;

/** A read-write semaphore ({@code down_read}/{@code down_write}/{@code up_read}/{@code up_write}). */
public interface RwSem {

  String name();

  void downRead(String label);

  void upRead(String label);

  void downWrite(String label);

  void upWrite(String label);

  /** {@code down_read_trylock}. */
  boolean tryDownRead(String label);

  /** {@code down_write_trylock}. */
  boolean tryDownWrite(String label);

  /** Whether the calling actor holds this semaphore for read or write; not a scheduling point. */
  boolean heldByCurrentActor();
}
