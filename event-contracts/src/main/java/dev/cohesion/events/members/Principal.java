package dev.cohesion.events.members;

/** Who signs in as a member: the identity provider's issuer and the subject it gives the person. */
public record Principal(String issuer, String subject) {
}
