package dev.cohesion.kit.api.security;

/** A caller's role in one network, as the {@code networks} claim of its token grants it (docs/security.md). */
public enum NetworkRole {
    ORGANISER, MEMBER, PARTNER;

    public String claimValue() {
        return name().toLowerCase();
    }
}
