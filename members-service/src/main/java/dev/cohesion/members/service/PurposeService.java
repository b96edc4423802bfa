package dev.cohesion.members.service;

import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.members.PurposeSuperseded;
import dev.cohesion.events.members.RejectionReason;
import dev.cohesion.events.members.Stance;
import dev.cohesion.events.members.StanceRecorded;
import dev.cohesion.events.members.Tally;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.config.NoticesConfig;
import dev.cohesion.members.domain.AdoptionRule;
import dev.cohesion.members.domain.Network;
import dev.cohesion.members.domain.NoticeFanout;
import dev.cohesion.members.domain.Purpose;
import dev.cohesion.members.domain.PurposeStatus;
import dev.cohesion.members.domain.StanceRecord;
import dev.cohesion.members.domain.StanceRule;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.MemberRepository;
import dev.cohesion.members.repository.PurposeRepository;
import dev.cohesion.members.repository.StanceRepository;
import dev.cohesion.members.rest.PurposeDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A network's purpose: drafted by organisers, validated with the members in a consultation, adopted or rejected
 * by the network's rule; stances on the current purpose stay open after adoption.
 */
@ApplicationScoped
public class PurposeService {

    private final PurposeRepository purposes;
    private final StanceRepository stances;
    private final MemberRepository members;
    private final NetworkService networks;
    private final MembershipService membership;
    private final Outbox outbox;
    private final Notices notices;
    private final NoticesConfig noticesConfig;
    private final AuditLog audit;
    private final Clock clock;

    PurposeService(PurposeRepository purposes, StanceRepository stances, MemberRepository members,
                   NetworkService networks, MembershipService membership, Outbox outbox, Notices notices,
                   NoticesConfig noticesConfig, AuditLog audit, Clock clock) {
        this.purposes = purposes;
        this.stances = stances;
        this.members = members;
        this.networks = networks;
        this.membership = membership;
        this.outbox = outbox;
        this.notices = notices;
        this.noticesConfig = noticesConfig;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit log keeps of a purpose version. */
    public record Version(int number, PurposeStatus status, String statement, Instant opensAt, Instant closesAt) {
        static Version of(Purpose p) {
            return new Version(p.number, p.status, p.statement, p.opensAt, p.closesAt);
        }
    }

    private Uni<Void> audited(Purpose p, String action, Version before) {
        return audit.record(p.networkId, action, "purpose", p.id, before, Version.of(p));
    }

    @WithTransaction
    public Uni<Purpose> draft(UUID networkId, String statement) {
        return networks.get(networkId).chain(n -> purposes.nextNumber(networkId)).chain(number -> {
            Instant now = clock.instant();
            Purpose p = new Purpose();
            p.id = Ids.next();
            p.networkId = networkId;
            p.number = number;
            p.statement = statement;
            p.status = PurposeStatus.DRAFT;
            p.createdAt = now;
            p.updatedAt = now;
            return purposes.persist(p).call(() -> audited(p, "purpose.drafted", null));
        });
    }

    @WithTransaction
    public Uni<Purpose> edit(UUID networkId, UUID purposeId, String ifMatch, String statement) {
        return purpose(networkId, purposeId).chain(p -> {
            ETags.require(ifMatch, p.version);
            requireStatus(p, PurposeStatus.DRAFT, "only a draft can be edited");
            Version before = Version.of(p);
            p.statement = statement;
            p.updatedAt = clock.instant();
            return purposes.flush().chain(() -> audited(p, "purpose.edited", before)).replaceWith(p);
        });
    }

    @WithTransaction
    public Uni<Purpose> openConsultation(UUID networkId, UUID purposeId, PurposeDtos.Consultation c) {
        Instant now = clock.instant();
        Instant opens = c.opensAt() == null || c.opensAt().isBefore(now) ? now : c.opensAt();
        if (!c.closesAt().isAfter(opens)) {
            throw ProblemException.invalidField("closesAt", "must be after the opening (" + opens + ")");
        }
        return purpose(networkId, purposeId).chain(p -> {
            requireStatus(p, PurposeStatus.DRAFT, "only a draft goes to consultation");
            return purposes.count("networkId = ?1 and status = ?2", networkId, PurposeStatus.IN_CONSULTATION).chain(open -> {
                if (open > 0) {
                    Verdict.refuse("one-consultation-at-a-time",
                            "Another purpose version is in consultation; close it first.").orThrow();
                }
                Version before = Version.of(p);
                p.status = PurposeStatus.IN_CONSULTATION;
                p.opensAt = opens;
                p.closesAt = c.closesAt();
                if (Duration.between(opens, c.closesAt()).compareTo(noticesConfig.closingReminder()) <= 0) {
                    p.closingRemindedAt = opens; // short: the opening notice says when it closes, no reminder follows
                }
                p.updatedAt = now;
                return purposes.flush().chain(() -> outbox.add(MembersEvents.PURPOSE_CONSULTATION_OPENED, networkId,
                                MemberEventPayloads.subject(p), MemberEventPayloads.consultationOpened(p)))
                        .chain(() -> notices.fanOut(networkId, NoticeKind.CONSULTATION_OPENED, MemberEventPayloads.subject(p),
                                NoticeFanout.Audience.ACTIVE_WITHOUT_STANCE, p.id, null))
                        .chain(() -> audited(p, "purpose.consultation-opened", before))
                        .replaceWith(p);
            });
        });
    }

    /** Records or changes the calling member's stance. */
    @WithTransaction
    public Uni<StanceRecord> recordStance(UUID networkId, UUID purposeId, UUID memberId, PurposeDtos.StanceRequest request) {
        if (request.stance() == Stance.OBJECT && (request.reason() == null || request.reason().isBlank())) {
            throw ProblemException.invalidField("reason", "an objection needs a reason");
        }
        Instant now = clock.instant();
        return membership.member(networkId, memberId).chain(member -> {
            StanceRule.mayTakeStance(member).orThrow();
            return purpose(networkId, purposeId);
        }).chain(p -> {
            StanceRule.requireOpen(p, now);
            return stances.of(purposeId, memberId);
        }).chain(existing -> {
            StanceRecord s = existing != null ? existing : new StanceRecord();
            if (existing == null) {
                s.id = Ids.next();
                s.purposeId = purposeId;
                s.memberId = memberId;
                s.networkId = networkId;
            }
            s.stance = request.stance();
            s.reason = request.stance() == Stance.OBJECT || request.stance() == Stance.ABSTAIN ? request.reason() : null;
            s.recordedAt = now;
            return (existing == null ? stances.persist(s) : stances.flush().replaceWith(s))
                    .chain(() -> outbox.add(MembersEvents.STANCE_RECORDED, networkId, "purposes/" + purposeId,
                            new StanceRecorded(networkId, purposeId, memberId, s.stance, now)))
                    .replaceWith(s);
        });
    }

    /** An organiser closes a consultation before its time. */
    @WithTransaction
    public Uni<Purpose> closeEarly(UUID networkId, UUID purposeId) {
        return purpose(networkId, purposeId).chain(p -> {
            requireStatus(p, PurposeStatus.IN_CONSULTATION, "only a consultation can be closed");
            Version before = Version.of(p);
            return decide(p).call(decided -> audited(decided, "purpose.consultation-closed", before));
        });
    }

    /**
     * Closes a consultation whose time has come (called by {@link ConsultationCloser}). The status check and the
     * row version make sure a consultation is decided once, whatever runs at the same time.
     */
    @WithTransaction
    public Uni<Purpose> closeIfDue(UUID purposeId) {
        return purposes.findById(purposeId).chain(p -> {
            if (p == null || p.status != PurposeStatus.IN_CONSULTATION || p.closesAt.isAfter(clock.instant())) {
                return Uni.createFrom().nullItem();
            }
            return decide(p);
        });
    }

    private Uni<Purpose> decide(Purpose p) {
        Instant now = clock.instant();
        return networks.get(p.networkId).chain(network -> tally(p).chain(tally -> {
            p.tallyActive = tally.activeMembers();
            p.tallyEndorse = tally.endorse();
            p.tallyObject = tally.object();
            p.tallyAbstain = tally.abstain();
            p.decidedAt = now;
            p.updatedAt = now;
            RejectionReason rejection = AdoptionRule.decide(tally, network.quorum, network.endorsementThreshold);
            if (rejection != null) {
                p.status = PurposeStatus.REJECTED;
                p.rejectionReason = rejection;
                return purposes.flush().chain(() -> outbox.add(MembersEvents.PURPOSE_REJECTED, p.networkId,
                        MemberEventPayloads.subject(p), MemberEventPayloads.rejected(p))).replaceWith(p);
            }
            return adopt(p, network, now);
        }));
    }

    private Uni<Purpose> adopt(Purpose p, Network network, Instant now) {
        return purposes.current(network.id).chain(previous -> {
            Uni<Void> supersede = Uni.createFrom().voidItem();
            if (previous != null) {
                previous.status = PurposeStatus.SUPERSEDED;
                previous.supersededBy = p.id;
                previous.updatedAt = now;
                // flushed before the new version becomes ADOPTED: one adopted purpose per network (unique index)
                supersede = purposes.flush().chain(() -> outbox.add(MembersEvents.PURPOSE_SUPERSEDED, network.id,
                        MemberEventPayloads.subject(previous), new PurposeSuperseded(network.id, previous.id, p.id, now)))
                        .replaceWithVoid();
            }
            return supersede.chain(() -> {
                p.status = PurposeStatus.ADOPTED;
                return purposes.flush();
            }).chain(() -> outbox.add(MembersEvents.PURPOSE_ADOPTED, network.id, MemberEventPayloads.subject(p),
                    MemberEventPayloads.adopted(p, previous))).replaceWith(p);
        });
    }

    /** Live stances of the members active now. */
    Uni<Tally> tally(Purpose p) {
        return stances.countsAmongActive(p.id).chain(counts -> members.countActive(p.networkId)
                .map(active -> new Tally(active.intValue(), counts.get(Stance.ENDORSE).intValue(),
                        counts.get(Stance.OBJECT).intValue(), counts.get(Stance.ABSTAIN).intValue())));
    }

    /**
     * The tally: the decided figures once closed; live figures to organisers during the consultation.
     */
    @WithSession
    public Uni<PurposeDtos.Tally> tallyFor(UUID networkId, UUID purposeId, boolean organiser) {
        return purpose(networkId, purposeId).chain(p -> {
            if (p.decidedAt != null) {
                Tally t = MemberEventPayloads.tally(p);
                return Uni.createFrom().item(view(t, true));
            }
            if (!organiser) {
                Verdict.forbid("tally-after-close", "The tally is visible to organisers during the consultation, to everyone after it.")
                        .orThrow();
            }
            return tally(p).map(t -> view(t, false));
        });
    }

    /** How the active members stand on the current purpose now. */
    @WithSession
    public Uni<PurposeDtos.Alignment> alignment(UUID networkId) {
        return networks.get(networkId).chain(n -> purposes.current(networkId)).chain(current -> {
            if (current == null) {
                return members.countActive(networkId).map(active -> new PurposeDtos.Alignment(null, active.intValue(),
                        0, 0, 0, active.intValue(), 0, 0, active == 0 ? 0 : 1));
            }
            return tally(current).map(t -> {
                int silent = t.activeMembers() - t.endorse() - t.object() - t.abstain();
                return new PurposeDtos.Alignment(current.id, t.activeMembers(), t.endorse(), t.object(), t.abstain(),
                        silent, share(t.endorse(), t.activeMembers()), share(t.object(), t.activeMembers()),
                        share(silent, t.activeMembers()));
            });
        });
    }

    @WithSession
    public Uni<Page<Purpose>> list(UUID networkId, PageRequest page) {
        return networks.get(networkId).chain(n -> purposes.page(networkId, page))
                .map(rows -> Page.of(rows, page, p -> p.id.toString(), p -> p));
    }

    @WithSession
    public Uni<Page<StanceRecord>> stances(UUID networkId, UUID purposeId, PageRequest page) {
        return purpose(networkId, purposeId).chain(p -> stances.page(purposeId, page))
                .map(rows -> Page.of(rows, page, s -> s.id.toString(), s -> s));
    }

    /** A member's stances on the current purpose and on the version in consultation (either may be absent). */
    public record OwnStances(Purpose current, StanceRecord onCurrent, Purpose inConsultation, StanceRecord onConsultation) {
    }

    @WithSession
    public Uni<OwnStances> ownStances(UUID networkId, UUID memberId) {
        return purposes.current(networkId).chain(current -> stanceOn(current, memberId)
                .chain(onCurrent -> purposes.find("networkId = ?1 and status = ?2", networkId, PurposeStatus.IN_CONSULTATION)
                        .firstResult().chain(open -> stanceOn(open, memberId)
                                .map(onOpen -> new OwnStances(current, onCurrent, open, onOpen)))));
    }

    private Uni<StanceRecord> stanceOn(Purpose p, UUID memberId) {
        return p == null ? Uni.createFrom().nullItem() : stances.of(p.id, memberId);
    }

    @WithSession
    public Uni<Purpose> current(UUID networkId) {
        return networks.get(networkId).chain(n -> purposes.current(networkId)).onItem().ifNull()
                .failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "This network has not adopted a purpose yet."));
    }

    @WithSession
    public Uni<Purpose> purpose(UUID networkId, UUID purposeId) {
        return purposes.inNetwork(networkId, purposeId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("purpose", purposeId));
    }

    private static void requireStatus(Purpose p, PurposeStatus expected, String detail) {
        if (p.status != expected) {
            throw ProblemException.invalidTransition("purpose " + p.number, p.status, detail);
        }
    }

    private static PurposeDtos.Tally view(Tally t, boolean decided) {
        return new PurposeDtos.Tally(t.activeMembers(), t.endorse(), t.object(), t.abstain(),
                Math.max(0, t.activeMembers() - t.endorse() - t.object() - t.abstain()), decided);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
