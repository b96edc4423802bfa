package dev.cohesion.norms.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Erasure of the free text about or by a member (docs/privacy.md): what they wrote (breach reports, appeals, notes,
 * proposal rationales) and what was written about them (the description, decision, notes and reasoning of the cases
 * and sanctions they are the subject of) is replaced by {@link #REDACTED}; the cases' facts and figures (norm,
 * status, outcome, rung, dates) stay. Idempotent; runs in the consumer's transaction.
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
                override_reason = case when override_reason is null then null else :r end where member_id = :m""",
            """
            update appeal set text = :r,
                decision_reason = case when decision_reason is null then null else :r end where member_id = :m""",
            "update norm_change set rationale = :r where proposed_by = :m");

    public Uni<Void> redact(UUID memberId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : STATEMENTS) {
            chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(sql)
                    .setParameter("r", REDACTED).setParameter("m", memberId).executeUpdate())).replaceWithVoid();
        }
        return chain;
    }
}
