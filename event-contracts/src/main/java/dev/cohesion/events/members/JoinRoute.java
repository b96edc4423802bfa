package dev.cohesion.events.members;

/** How a member came in: the network's founding organiser, an approved application, an accepted invitation. */
public enum JoinRoute { FOUNDER, APPLICATION, INVITATION }
