package dev.cohesion.events.members;

/** Stances on a purpose version, and the active members who could take one. */
public record Tally(int activeMembers, int endorse, int object, int abstain) {
}
