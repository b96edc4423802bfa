package dev.cohesion.norms.domain;

/** OPEN → UNDER_REVIEW (an organiser claims it) → UPHELD or DISMISSED. */
public enum CaseStatus { OPEN, UNDER_REVIEW, UPHELD, DISMISSED }
