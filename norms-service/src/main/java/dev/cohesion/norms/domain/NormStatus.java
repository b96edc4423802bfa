package dev.cohesion.norms.domain;

/** PROPOSED → ACTIVE → RETIRED. */
public enum NormStatus { PROPOSED, ACTIVE, RETIRED }
