package dev.cohesion.norms.domain;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.norms.VoteOutcome;
import dev.cohesion.kit.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The named rules of cases, appeals and votes, case by case. */
class CasePoliciesTest {

    private static final UUID REPORTER = UUID.randomUUID();
    private static final UUID SUBJECT = UUID.randomUUID();
    private static final UUID ORGANISER = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    @ParameterizedTest(name = "{0} may review: {1}, may decide after {2} claimed: {3}")
    @CsvSource({
            "REPORTER, false, ORGANISER, false",
            "SUBJECT, false, ORGANISER, false",
            "ORGANISER, true, ORGANISER, true",
            "ORGANISER, true, OTHER, false"})
    void a_case_is_reviewed_by_an_organiser_who_is_neither_reporter_nor_subject(String who, boolean mayReview,
                                                                               String claimant, boolean mayDecide) {
        BreachCase c = new BreachCase();
        c.reporterMemberId = REPORTER;
        c.subjectMemberId = SUBJECT;
        c.reviewerMemberId = id(claimant);
        assertEquals(mayReview, ReviewerPolicy.mayReview(c, id(who)).allowed());
        Verdict decide = ReviewerPolicy.mayDecide(c, id(who));
        assertEquals(mayDecide, decide.allowed());
        if (!decide.allowed()) {
            assertEquals(true, decide.forbidden());
        }
    }

    @ParameterizedTest(name = "appellant {0}, appealed before {1}, {2} days after, lifted {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "SUBJECT, false, 3, false, -",
            "SUBJECT, false, 20, false, -",
            "SUBJECT, false, 21, false, appeal-window",
            "SUBJECT, true, 3, false, appeal-once-per-sanction",
            "OTHER, false, 3, false, own-sanction-only",
            "SUBJECT, false, 3, true, appeal-against-standing-sanction"})
    void an_appeal_is_filed_once_within_the_window_by_the_sanctioned_member(String appellant, boolean appealed, int days,
                                                                         boolean lifted, String refusedBy) {
        Instant applied = Instant.parse("2026-03-01T10:00:00Z");
        Sanction s = new Sanction();
        s.memberId = SUBJECT;
        s.appliedAt = applied;
        s.appealUntil = applied.plus(Duration.ofDays(20));
        s.liftedAt = lifted ? applied.plusSeconds(60) : null;
        Verdict v = AppealPolicy.mayAppeal(s, id(appellant), appealed, applied.plus(Duration.ofDays(days)));
        assertEquals(refusedBy, v.rule());
    }

    @Test
    void an_appeal_is_decided_by_another_organiser_than_the_one_who_sanctioned() {
        Sanction s = new Sanction();
        s.memberId = SUBJECT;
        s.appliedBy = ORGANISER;
        assertEquals("appeal-decided-by-another-organiser", AppealPolicy.mayDecide(s, ORGANISER).rule());
        assertEquals(true, AppealPolicy.mayDecide(s, OTHER).allowed());
    }

    @ParameterizedTest(name = "a {0} member votes: {1}")
    @CsvSource({"ACTIVE, true", "SUSPENDED, false", "LEFT, false", "REMOVED, false"})
    void only_active_members_vote(MemberStatus status, boolean allowed) {
        MemberRecord m = new MemberRecord();
        m.status = status;
        assertEquals(allowed, VotePolicy.mayVote(m).allowed());
        assertEquals(false, VotePolicy.mayVote(null).allowed());
    }

    @ParameterizedTest(name = "{0} eligible, {1} for, {2} against, {3} abstain -> {4}")
    @CsvSource({
            "10, 5, 0, 0, ADOPTED",
            "10, 3, 1, 1, ADOPTED",
            "10, 2, 2, 0, REJECTED",
            "10, 3, 3, 0, ADOPTED",
            "10, 2, 3, 0, REJECTED",
            "10, 0, 0, 5, REJECTED",
            "0, 0, 0, 0, REJECTED"})
    void a_vote_passes_with_quorum_and_threshold(int eligible, int votesFor, int against, int abstain, VoteOutcome outcome) {
        assertEquals(outcome, VotePolicy.decide(eligible, votesFor, against, abstain, 0.5, 0.5));
    }

    private static UUID id(String who) {
        return switch (who) {
            case "REPORTER" -> REPORTER;
            case "SUBJECT" -> SUBJECT;
            case "ORGANISER" -> ORGANISER;
            default -> OTHER;
        };
    }
}
