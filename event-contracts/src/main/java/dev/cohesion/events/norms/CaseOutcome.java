package dev.cohesion.events.norms;

public enum CaseOutcome { UPHELD, DISMISSED }
