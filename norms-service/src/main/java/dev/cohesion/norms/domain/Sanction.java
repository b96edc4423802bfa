package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.SanctionRung;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A sanction applied after an upheld case; an upheld appeal lifts and expunges it. */
@Entity
public class Sanction extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "member_id")
    public UUID memberId;
    @Enumerated(EnumType.STRING)
    public SanctionRung rung;
    @Enumerated(EnumType.STRING)
    @Column(name = "recommended_rung")
    public SanctionRung recommendedRung;
    /** Why the organiser chose another rung than the recommended one. */
    @Column(name = "override_reason")
    public String overrideReason;
    /** The ladder's reasoning behind the recommendation. */
    public String reasoning;
    /** A private note to the member: shown to them and the organisers only; in their data export, not in events. */
    @Column(name = "note_to_member")
    public String noteToMember;
    @Column(name = "applied_by")
    public UUID appliedBy;
    @Column(name = "applied_at")
    public Instant appliedAt;
    /** End of a temporary suspension: it ends by itself then. */
    @Column(name = "ends_at")
    public Instant endsAt;
    /** The member may appeal until then: the network's appeal window when the sanction was applied. */
    @Column(name = "appeal_until")
    public Instant appealUntil;
    @Column(name = "lifted_at")
    public Instant liftedAt;
    /** An expunged sanction counts nothing: neither on the ladder nor against trust. */
    public boolean expunged;

    public String state(Instant now) {
        if (liftedAt != null) {
            return "LIFTED";
        }
        return endsAt != null && !endsAt.isAfter(now) ? "COMPLETED" : "IN_FORCE";
    }
}
