package dev.cohesion.events.members;

public enum Role { ORGANISER, MEMBER }
