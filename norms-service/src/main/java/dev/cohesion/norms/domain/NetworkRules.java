package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A network as norms-service knows it (from members-service's events) and its norms settings. */
@Entity
@Table(name = "network")
public class NetworkRules extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    /** The sanction ladder, lowest rung first (names of {@code SanctionRung}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] ladder;
    /** Durations of successive temporary suspensions, in days. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "suspension_days")
    public Integer[] suspensionDays;
    /** Sanctions older than this no longer count towards the next rung. */
    @Column(name = "forgiveness_days")
    public int forgivenessDays;
    /** A sanctioned member may appeal within this many days. */
    @Column(name = "appeal_window_days")
    public int appealWindowDays;
    /** Share of the active members who must vote on a norm change. */
    @Column(name = "vote_quorum")
    public double voteQuorum;
    /** Share of the non-abstaining votes that must be FOR. */
    @Column(name = "vote_threshold")
    public double voteThreshold;
    /** Retention (members-service's network settings): a decided case's free text goes this many months later. */
    @Column(name = "closed_case_text_months")
    public int closedCaseTextMonths;
    /** Every this many months the current norm book is republished for a new acknowledgement; null: never. */
    @Column(name = "reacknowledge_months")
    public Integer reacknowledgeMonths;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
}
