package dev.cohesion.events.norms;

public enum NormChangeKind { ADD, AMEND, RETIRE }
