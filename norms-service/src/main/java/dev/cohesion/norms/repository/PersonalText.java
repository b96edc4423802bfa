package dev.cohesion.norms.repository;

import dev.cohesion.kit.support.InOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Erasure of the free text about or by a member (docs/privacy.md): what they wrote (breach reports, appeals, notes,
 * proposal rationales) and what was written about them (the description, decision, notes and reasoning of the cases
 * and sanctions they are the subject of) is replaced by {@link #REDACTED}; the cases' facts and figures (norm,
 * status, outcome, rung, dates) stay. Idempotent; runs in the consumer's transaction. Retention by age replaces, the
 * same way, the text of cases decided longer ago than the network keeps it ({@link #retire}).
 */
@ApplicationScoped
public class PersonalText {

    public static final String REDACTED = "[erased at the member's request]";

    private static final List<String> STATEMENTS = List.of(
            "update breach_case set description = :r where reporter_member_id = :m or subject_member_id = :m",
            "update breach_case set decision_reason = :r where subject_member_id = :m and decision_reason is not null",
            """
            update case_history set note = :r where note is not null and (actor_id = :m or case_id in
                (select id from breach_case where subject_member_id = :m or reporter_member_id = :m))""",
            """
            update sanction set reasoning = :r,
                override_reason = case when override_reason is null then null else :r end,
                note_to_member = case when note_to_member is null then null else :r end where member_id = :m""",
            """
            update appeal set text = :r,
                decision_reason = case when decision_reason is null then null else :r end where member_id = :m""",
            "update norm_change set rationale = :r where proposed_by = :m");

    /** What replaces the free text of a case that its network's retention no longer keeps. */
    public static final String RETIRED = "[removed after the network's retention period]";

    /**
     * The text of cases decided longer ago than their network keeps it ({@code closed_case_text_months}), and of
     * their history, sanction and decided appeal; the case comes first, and marks the rest. A case whose sanction
     * is under appeal keeps its text until the appeal is decided.
     */
    private static final List<String> RETENTION = List.of(
            """
            update breach_case c set description = :r,
                decision_reason = case when c.decision_reason is null then null else :r end
            from network n where n.id = c.network_id and c.status in ('UPHELD', 'DISMISSED') and c.description <> :r
                and c.decided_at < cast(:now as timestamptz) - make_interval(months => n.closed_case_text_months)
                and not exists (select 1 from sanction s join appeal a on a.sanction_id = s.id
                                where s.case_id = c.id and a.status = 'OPEN')""",
            """
            update case_history h set note = :r from breach_case c
            where c.id = h.case_id and c.description = :r and h.note is not null and h.note <> :r""",
            """
            update sanction s set reasoning = :r, override_reason = case when s.override_reason is null then null else :r end,
                note_to_member = case when s.note_to_member is null then null else :r end
            from breach_case c where c.id = s.case_id and c.description = :r and s.reasoning <> :r""",
            """
            update appeal a set text = :r, decision_reason = case when a.decision_reason is null then null else :r end
            from sanction s join breach_case c on c.id = s.case_id
            where s.id = a.sanction_id and c.description = :r and a.status <> 'OPEN' and a.text <> :r""");

    /**
     * Retention by age, as of {@code now}: idempotent set-based updates, safe when two instances run them at once.
     * Returns how many cases it reached.
     */
    public Uni<Integer> retire(java.time.Instant now) {
        Uni<Integer> cases = Panache.getSession().chain(s -> s.createNativeQuery(RETENTION.get(0))
                .setParameter("r", RETIRED).setParameter("now", now).executeUpdate());
        return cases.call(() -> InOrder.each(RETENTION.subList(1, RETENTION.size()), sql -> Panache.getSession()
                .chain(s -> s.createNativeQuery(sql).setParameter("r", RETIRED).executeUpdate())));
    }

    public Uni<Void> redact(UUID memberId) {
        return InOrder.each(STATEMENTS, sql -> Panache.getSession().chain(s -> s.createNativeQuery(sql)
                .setParameter("r", REDACTED).setParameter("m", memberId).executeUpdate()));
    }
}
