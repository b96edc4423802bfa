package dev.cohesion.events.norms;

public enum Severity { LOW, MEDIUM, HIGH }
