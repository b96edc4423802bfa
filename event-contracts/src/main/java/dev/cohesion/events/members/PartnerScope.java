package dev.cohesion.events.members;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a partner organisation may do in a network (docs/security.md). */
public enum PartnerScope {
    /** Read the members who consented to share with partners, and only what they shared. */
    @JsonProperty("directory:read") DIRECTORY_READ,
    /** Read the network's health and its live stream. */
    @JsonProperty("health:read") HEALTH_READ,
    /** Report the members' activities. */
    @JsonProperty("activities:write") ACTIVITIES_WRITE;

    /** The scope as tokens and the API write it, e.g. {@code activities:write}. */
    public String value() {
        return name().toLowerCase().replace('_', ':');
    }
}
