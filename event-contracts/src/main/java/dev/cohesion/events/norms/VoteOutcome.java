package dev.cohesion.events.norms;

public enum VoteOutcome { ADOPTED, REJECTED }
