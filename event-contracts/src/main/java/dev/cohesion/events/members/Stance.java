package dev.cohesion.events.members;

public enum Stance { ENDORSE, OBJECT, ABSTAIN }
