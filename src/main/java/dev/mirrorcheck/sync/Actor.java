package dev.mirrorcheck.sync;

/** A started actor: one thread of the model. */
public interface Actor {

  String name();

  /** Waits until this actor has finished ({@code kthread_stop}/{@code pthread_join}). */
  void join(String label);
}
