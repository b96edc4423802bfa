package dev.cohesion.events.norms;

/** UPHELD: the appeal succeeds, the sanction is lifted and expunged. REJECTED: the sanction stands. */
public enum AppealOutcome { UPHELD, REJECTED }
