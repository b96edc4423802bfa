package dev.cohesion.members.service;

import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Identity;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.config.MembersConfig;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.Network;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.MemberRepository;
import dev.cohesion.members.repository.NetworkRepository;
import dev.cohesion.members.repository.PartnerRepository;
import dev.cohesion.members.rest.NetworkDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Networks: created by the platform administrator with their first organiser, then run by their organisers. */
@ApplicationScoped
public class NetworkService {

    private final NetworkRepository networks;
    private final MemberRepository members;
    private final PartnerRepository partners;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final MembersConfig.Defaults defaults;
    private final String issuer;

    NetworkService(NetworkRepository networks, MemberRepository members, PartnerRepository partners, Outbox outbox, AuditLog audit, Clock clock,
                   MembersConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.networks = networks;
        this.members = members;
        this.partners = partners;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.defaults = config.defaults();
        this.issuer = issuer;
    }

    @WithTransaction
    public Uni<NetworkDtos.Created> create(NetworkDtos.CreateRequest request) {
        return networks.slugTaken(request.slug()).chain(taken -> {
            if (taken) {
                throw ProblemException.conflict("The slug '" + request.slug() + "' is taken; choose another.");
            }
            Instant now = clock.instant();
            Network n = new Network();
            n.id = Ids.next();
            n.slug = request.slug();
            n.name = request.name();
            n.description = request.description();
            NetworkDtos.Settings s = request.settings() == null
                    ? new NetworkDtos.Settings(null, null, null, null, null, null, null, null) : request.settings();
            n.activeWithinDays = s.activeWithinDays() != null ? s.activeWithinDays() : defaults.activeWithinDays();
            n.dormantAfterDays = s.dormantAfterDays() != null ? s.dormantAfterDays() : defaults.dormantAfterDays();
            n.newMemberDays = s.newMemberDays() != null ? s.newMemberDays() : defaults.newMemberDays();
            n.quorum = s.quorum() != null ? s.quorum() : defaults.quorum();
            n.endorsementThreshold = s.endorsementThreshold() != null ? s.endorsementThreshold() : defaults.endorsementThreshold();
            n.departedProfileDays = s.departedProfileDays() != null ? s.departedProfileDays()
                    : NetworkSettings.DEFAULT_DEPARTED_PROFILE_DAYS;
            n.closedCaseTextMonths = s.closedCaseTextMonths() != null ? s.closedCaseTextMonths()
                    : NetworkSettings.DEFAULT_CLOSED_CASE_TEXT_MONTHS;
            n.rawActivityMonths = s.rawActivityMonths() != null ? s.rawActivityMonths() : NetworkSettings.DEFAULT_RAW_ACTIVITY_MONTHS;
            checkThresholds(n);
            n.createdAt = now;
            n.updatedAt = now;
            Member founder = founder(n, request.firstOrganiser(), now);
            founder.issuer = issuer;
            return networks.persist(n)
                    .chain(() -> founder.persist())
                    .chain(() -> outbox.add(MembersEvents.NETWORK_CREATED, n.id, "networks/" + n.id, MemberEventPayloads.created(n)))
                    .chain(() -> outbox.add(MembersEvents.MEMBER_JOINED, n.id, MemberEventPayloads.subject(founder),
                            MemberEventPayloads.joined(founder, JoinRoute.FOUNDER)))
                    .chain(() -> outbox.add(MembersEvents.MEMBER_PROFILE, n.id, MemberEventPayloads.subject(founder),
                            founder.id.toString(), MemberEventPayloads.profile(founder, List.of())))
                    .chain(() -> audit.record(n.id, "network.created", "network", n.id, null, NetworkDtos.View.of(n)))
                    .map(x -> new NetworkDtos.Created(NetworkDtos.View.of(n), founder.id));
        });
    }

    @WithSession
    public Uni<Network> get(UUID networkId) {
        return networks.findById(networkId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("network", networkId));
    }

    /**
     * The networks the caller holds a membership record in (or, for a partner's client, is registered for); all of
     * them for the platform administrator.
     */
    @WithSession
    public Uni<Page<NetworkDtos.View>> list(Identity caller, PageRequest page) {
        Uni<List<UUID>> mine = caller.admin() ? Uni.createFrom().nullItem()
                : caller.clientId() != null ? partners.networksOf(caller) : members.networksOf(caller);
        return mine.chain(ids -> networks.page(ids == null ? null : Set.copyOf(ids), page))
                .map(rows -> Page.of(rows, page, n -> n.id.toString(), NetworkDtos.View::of));
    }

    @WithTransaction
    public Uni<Network> update(UUID networkId, String ifMatch, NetworkDtos.UpdateRequest request) {
        return get(networkId).chain(n -> {
            ETags.require(ifMatch, n.version);
            NetworkDtos.View before = NetworkDtos.View.of(n);
            NetworkDtos.Settings s = request.settings();
            if (s.activeWithinDays() == null || s.dormantAfterDays() == null || s.newMemberDays() == null
                    || s.quorum() == null || s.endorsementThreshold() == null) {
                throw ProblemException.invalidField("settings", "an update gives every setting");
            }
            n.name = request.name();
            n.description = request.description();
            n.activeWithinDays = s.activeWithinDays();
            n.dormantAfterDays = s.dormantAfterDays();
            n.newMemberDays = s.newMemberDays();
            n.quorum = s.quorum();
            n.endorsementThreshold = s.endorsementThreshold();
            if (s.departedProfileDays() != null) {
                n.departedProfileDays = s.departedProfileDays();
            }
            if (s.closedCaseTextMonths() != null) {
                n.closedCaseTextMonths = s.closedCaseTextMonths();
            }
            if (s.rawActivityMonths() != null) {
                n.rawActivityMonths = s.rawActivityMonths();
            }
            checkThresholds(n);
            n.updatedAt = clock.instant();
            return networks.flush()
                    .chain(() -> outbox.add(MembersEvents.NETWORK_UPDATED, n.id, "networks/" + n.id, MemberEventPayloads.updated(n)))
                    .chain(() -> audit.record(n.id, "network.updated", "network", n.id, before, NetworkDtos.View.of(n)))
                    .replaceWith(n);
        });
    }

    private static void checkThresholds(Network n) {
        if (n.dormantAfterDays < n.activeWithinDays) {
            throw ProblemException.invalidField("settings.dormantAfterDays", "must be at least activeWithinDays");
        }
    }

    private static Member founder(Network n, NetworkDtos.FirstOrganiser f, Instant now) {
        Member m = new Member();
        m.id = Ids.next();
        m.networkId = n.id;
        m.subject = f.userId();
        m.displayName = f.displayName();
        m.email = f.email();
        m.organisation = f.organisation();
        m.constituency = f.constituency();
        m.interests = f.interests() == null ? new String[0] : f.interests().toArray(String[]::new);
        m.sharedWithPartners = new String[0];
        m.organiser = true;
        m.status = MemberStatus.ACTIVE;
        m.joinedAt = now;
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }
}
