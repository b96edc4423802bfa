package dev.cohesion.norms.domain;

/** A norm-change proposal: VOTING until it closes, then ADOPTED or REJECTED. */
public enum ChangeStatus { VOTING, ADOPTED, REJECTED }
