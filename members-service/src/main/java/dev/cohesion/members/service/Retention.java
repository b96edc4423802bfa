package dev.cohesion.members.service;

import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Retention by age (docs/privacy.md): a member who left, was removed or was declined is anonymised once their
 * network's {@code departedProfileDays} have passed, by the same erasure a member can ask for (so the other services
 * and the topics forget them too), counted from the last change of their record (their departure, or anything
 * later). Idempotent, and safe with several instances: each erasure is a transaction that re-reads the member and
 * erases only if the record is unchanged since this run read it (not back in the network meanwhile).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int BATCH = 100;

    private final MemberRepository members;
    private final Erasure erasure;

    Retention(MemberRepository members, Erasure erasure) {
        this.members = members;
        this.erasure = erasure;
    }

    /** Anonymises, as of {@code now}, the departed members whose time has come; returns how many. */
    public Uni<Integer> anonymiseDeparted(Instant now) {
        return Panache.withSession(() -> members.departedBefore(now, BATCH)).chain(due -> eraseEach(due)
                .chain(erased -> due.size() == BATCH && erased > 0
                        ? anonymiseDeparted(now).map(more -> erased + more) : Uni.createFrom().item(erased)));
    }

    private Uni<Integer> eraseEach(List<Member> due) {
        int[] erased = {0};
        return InOrder.each(due, m -> eraseIfUnchanged(m)
                    .invoke(done -> erased[0] += done ? 1 : 0)
                    .onFailure().invoke(e -> LOG.warnf("anonymising departed member %s failed, next run retries: %s", m.id, e.getMessage()))
                    .onFailure().recoverWithNull()).map(x -> erased[0]);
    }

    /** The erasure, only if the record is still as this run read it (same version), checked in its transaction. */
    private Uni<Boolean> eraseIfUnchanged(Member read) {
        return Panache.withTransaction(() -> members.findById(read.id).chain(m -> m == null || m.version != read.version
                ? Uni.createFrom().item(false) : erasure.erase(m.networkId, m.id).replaceWith(true)));
    }
}
