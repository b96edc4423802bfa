package dev.cohesion.members.domain;

import dev.cohesion.events.members.NoticeKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice to many members, written in the transaction of what caused it and issued a page of members at a time
 * afterwards ({@code service/Notices}), so that a consultation in a network of 100,000 neither holds its
 * transaction open nor loses a member when the service stops halfway: the cursor says where to go on.
 */
@Entity
@Table(name = "notice_fanout")
public class NoticeFanout extends PanacheEntityBase {

    /** Who receives it, among the network's members. */
    public enum Audience {
        /** Every active member. */
        ACTIVE,
        /** Active members without a stance on the purpose {@link #subjectId}. */
        ACTIVE_WITHOUT_STANCE,
        /** Active members who objected to the purpose {@link #subjectId} or took no stance on it. */
        NOT_ENDORSING,
        /** Active members who have not voted on the norm-change proposal {@link #subjectId}. */
        ACTIVE_WITHOUT_VOTE
    }

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Enumerated(EnumType.STRING)
    public NoticeKind kind;
    public String about;
    @Enumerated(EnumType.STRING)
    public Audience audience;
    /** The purpose or norm-change proposal the audience is defined by; null for {@link Audience#ACTIVE}. */
    @Column(name = "subject_id")
    public UUID subjectId;
    /** Narrows the audience to these members; null: all of it. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "member_ids")
    public UUID[] memberIds;
    /** The last member id issued; null: none yet. */
    @Column(name = "after_member")
    public UUID afterMember;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "done_at")
    public Instant doneAt;
}
