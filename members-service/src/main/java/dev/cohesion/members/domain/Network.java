package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A professional network: every other resource belongs to one. */
@Entity
public class Network extends PanacheEntityBase {

    @Id
    public UUID id;
    public String slug;
    public String name;
    public String description;
    /** A member is active with an activity within this many days. */
    @Column(name = "active_within_days")
    public int activeWithinDays;
    /** A member is dormant after this many days without activity. */
    @Column(name = "dormant_after_days")
    public int dormantAfterDays;
    /** A member with no activity at all is dormant after this many days. */
    @Column(name = "new_member_days")
    public int newMemberDays;
    /** Share of active members who must take a stance for a consultation to count. */
    public double quorum;
    /** Share of non-abstaining stances that must endorse for adoption. */
    @Column(name = "endorsement_threshold")
    public double endorsementThreshold;
    /** Retention (docs/privacy.md): a departed member is anonymised this many days after leaving. */
    @Column(name = "departed_profile_days")
    public int departedProfileDays;
    /** Retention: norms-service redacts a decided case's free text this many months after the decision. */
    @Column(name = "closed_case_text_months")
    public int closedCaseTextMonths;
    /** Retention: metrics-service folds activities this many months old into its weekly sums and deletes their rows. */
    @Column(name = "raw_activity_months")
    public int rawActivityMonths;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
