package dev.cohesion.members.domain;

/** DRAFT → IN_CONSULTATION → ADOPTED → SUPERSEDED, or IN_CONSULTATION → REJECTED. */
public enum PurposeStatus { DRAFT, IN_CONSULTATION, ADOPTED, SUPERSEDED, REJECTED }
