package dev.cohesion.norms.events;

import dev.cohesion.events.norms.AppealDecided;
import dev.cohesion.events.norms.AppealOutcome;
import dev.cohesion.events.norms.BreachReported;
import dev.cohesion.events.norms.CaseDecided;
import dev.cohesion.events.norms.CaseOutcome;
import dev.cohesion.events.norms.NormChangeDecided;
import dev.cohesion.events.norms.NormChangeProposed;
import dev.cohesion.events.norms.NormEntry;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.VoteOutcome;
import dev.cohesion.norms.domain.Appeal;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.Norm;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.domain.Sanction;

/** Explicit mapping from norms-service's entities to the payloads of its events (event-contracts). */
public final class NormEventPayloads {

    private NormEventPayloads() {
    }

    public static NormEntry entry(Norm n) {
        return new NormEntry(n.id, n.code, n.title, n.version, n.severity, n.category);
    }

    public static BreachReported reported(BreachCase c, Norm norm) {
        return new BreachReported(c.networkId, c.id, c.normId, norm.code, c.normVersion, c.subjectMemberId, c.openedAt);
    }

    public static CaseDecided decided(BreachCase c, Norm norm) {
        return new CaseDecided(c.networkId, c.id, c.normId, norm.code, c.subjectMemberId,
                CaseOutcome.valueOf(c.status.name()), c.openedAt, c.decidedAt);
    }

    public static SanctionApplied applied(Sanction s) {
        return new SanctionApplied(s.networkId, s.id, s.caseId, s.memberId, s.rung, s.recommendedRung, s.appliedAt, s.endsAt, s.appealUntil);
    }

    public static AppealDecided appealDecided(Appeal a, Sanction s, BreachCase c) {
        return new AppealDecided(a.networkId, a.id, s.id, c.id, c.normId, s.memberId, AppealOutcome.valueOf(a.status.name()),
                a.decidedAt);
    }

    public static NormChangeProposed proposed(NormChange c) {
        return new NormChangeProposed(c.networkId, c.id, c.kind, c.normId, c.code, c.closesAt, c.openedAt);
    }

    public static NormChangeDecided changeDecided(NormChange c) {
        return new NormChangeDecided(c.networkId, c.id, c.kind, c.normId, VoteOutcome.valueOf(c.status.name()),
                c.eligible, c.votesFor, c.votesAgainst, c.abstentions, c.decidedAt);
    }
}
