package dev.cohesion.norms.domain;

/** OPEN → UPHELD (the sanction is lifted and expunged) or REJECTED (it stands). */
public enum AppealStatus { OPEN, UPHELD, REJECTED }
