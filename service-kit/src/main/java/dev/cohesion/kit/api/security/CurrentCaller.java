package dev.cohesion.kit.api.security;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/** The caller of the current request, set by {@link AccessFilter} once its token is verified. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "no authenticated caller");
        }
        return caller;
    }

    /** The caller's member id in the network; 403 when the caller is not a member there (a partner, say). */
    public UUID memberId(UUID networkId) {
        return get().memberId(networkId)
                .orElseThrow(() -> ProblemException.forbidden("only members of the network can do this"));
    }

    public boolean isOrganiser(UUID networkId) {
        return get().is(networkId, NetworkRole.ORGANISER);
    }

    /**
     * Refuses with 403 {@code rule-violation} ("own-record-only", {@code detail} saying who may) unless the record is
     * the caller's own membership in the network, or, when {@code organisersToo}, the caller organises the network.
     */
    public void requireOwnRecord(UUID networkId, UUID memberId, boolean organisersToo, String detail) {
        if (organisersToo && isOrganiser(networkId)) {
            return;
        }
        if (!memberId.equals(memberId(networkId))) {
            throw ProblemException.rule("own-record-only", detail, true);
        }
    }
}
