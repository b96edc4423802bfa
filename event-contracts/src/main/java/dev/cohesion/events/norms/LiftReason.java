package dev.cohesion.events.norms;

/** Why a sanction was lifted before its end. */
public enum LiftReason { APPEAL_UPHELD }
