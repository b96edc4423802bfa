package dev.cohesion.events.members;

public enum Constituency { ACADEMIC, PRACTITIONER, POLICY, OTHER }
