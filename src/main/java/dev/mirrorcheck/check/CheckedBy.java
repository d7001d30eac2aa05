package dev.mirrorcheck.check;

/** How a property is checked during an exploration. */
public enum CheckedBy {
  /** A state invariant evaluated on the initial state and after every step that changes what it reads. */
  STATE_INVARIANT,
  /** A check at a ghost event, inside the step that performs the event (the acting actor fails). */
  EVENT,
  /** A check of the final state of every complete execution (every actor finished). */
  END,
  /** Reported by the explorer itself: L1 (deadlock, with the wait-for cycle) and L4 (lost wake-up). */
  EXPLORER
}
