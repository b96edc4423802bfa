package dev.cohesion.events.metrics;

/** Participation, commitment and trust all rising (VIRTUOUS), all falling (VICIOUS), or neither (MIXED). */
public enum Circle { VIRTUOUS, VICIOUS, MIXED }
