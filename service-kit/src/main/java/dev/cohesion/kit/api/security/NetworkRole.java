package dev.cohesion.kit.api.security;

/**
 * A caller's role in one network, as the service's records give it (docs/security.md): a current member (ACTIVE
 * or SUSPENDED; the rules check the status), an organiser (an ACTIVE member who organises), a partner registered
 * for the network, or a person on record whose membership is not current (an applicant, a declined applicant, a
 * member who left or was removed), who may read and erase their own record.
 */
public enum NetworkRole {
    ORGANISER, MEMBER, PARTNER, PERSON_ON_RECORD;

    /** As the contracts and problem details name it. */
    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
