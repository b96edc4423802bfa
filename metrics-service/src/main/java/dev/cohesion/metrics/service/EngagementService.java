package dev.cohesion.metrics.service;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.metrics.domain.MemberEngagement;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.rest.EngagementDtos;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Member engagement reads, member lists by segment, and the network's engagement settings. */
@ApplicationScoped
public class EngagementService {

    private static final int CHUNK = 500;

    private final EngagementInputs inputs;
    private final HealthService health;
    private final Clock clock;

    private final AuditLog audit;

    EngagementService(EngagementInputs inputs, HealthService health, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.inputs = inputs;
        this.health = health;
        this.clock = clock;
    }

    @WithSession
    public Uni<EngagementDtos.View> member(UUID networkId, UUID memberId) {
        Instant now = clock.instant();
        return network(networkId).chain(n -> inputs.one(n, memberId, now).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("member", memberId);
            }
            return view(n, rows.get(0), now);
        }));
    }

    /** Members of the network with status ACTIVE or SUSPENDED in the segment (null: any), page by page in id order. */
    @WithSession
    public Uni<Page<EngagementDtos.View>> list(UUID networkId, Segment segment, PageRequest page) {
        return list(networkId, segment, segment == Segment.DORMANT ? EngagementInputs.Only.DORMANT : EngagementInputs.Only.ALL, v -> true, page);
    }

    /**
     * Members of the network with status ACTIVE or SUSPENDED in the segment (null: any) whose engagement also matches,
     * page by page in id order. The rule is the same Java code as the member read and the health: the list walks the
     * members in chunks, of those the database first narrows to what {@code only} names (without recent activity, not
     * acknowledged). The first chunk is a page's worth, the next ones (when the rule dropped some) larger.
     */
    @WithSession
    public Uni<Page<EngagementDtos.View>> list(UUID networkId, Segment segment, EngagementInputs.Only only, Predicate<EngagementDtos.View> also,
                                               PageRequest page) {
        Instant now = clock.instant();
        Predicate<EngagementDtos.View> filter = v -> (segment == null || v.segment() == segment) && also.test(v);
        return network(networkId).chain(n -> collect(n, page.afterId(), page.fetch(), only, filter, page.fetch(), new ArrayList<>(), now))
                .map(views -> Page.of(views, page, v -> v.memberId().toString(), v -> v));
    }

    private Uni<List<EngagementDtos.View>> collect(EngagementInputs.NetworkFacts n, UUID after, int chunk, EngagementInputs.Only only,
                                                   Predicate<EngagementDtos.View> filter, int wanted, List<EngagementDtos.View> found,
                                                   Instant now) {
        return inputs.chunk(n, after, chunk, only, now).chain(rows -> {
            for (EngagementInputs.MemberRow row : rows) {
                String status = row.inputs().status();
                if (status.equals("ACTIVE") || status.equals("SUSPENDED")) {
                    EngagementDtos.View v = view(n, row, now);
                    if (filter.test(v)) {
                        found.add(v);
                        if (found.size() == wanted) {
                            return Uni.createFrom().item(found);
                        }
                    }
                }
            }
            return rows.size() < chunk ? Uni.createFrom().item(found)
                    : collect(n, rows.get(rows.size() - 1).inputs().memberId(), CHUNK, only, filter, wanted, found, now);
        });
    }

    /**
     * Every current member's engagement in the segment (null: any), in id order, for an export: computed a chunk at
     * a time, each chunk read in a session of its own when the stream asks for more (never the whole list at once).
     */
    public Multi<EngagementDtos.View> all(EngagementInputs.NetworkFacts n, Segment segment) {
        Instant now = clock.instant();
        AtomicReference<UUID> after = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        return Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> inputs.chunk(n, after.get(), CHUNK, EngagementInputs.Only.ALL, now)))
                .whilst(rows -> {
                    if (rows.size() < CHUNK) {
                        done.set(true);
                    } else {
                        after.set(rows.get(rows.size() - 1).inputs().memberId());
                    }
                    return !done.get();
                })
                .onItem().transformToIterable(rows -> rows)
                .filter(row -> row.inputs().status().equals("ACTIVE") || row.inputs().status().equals("SUSPENDED"))
                .map(row -> view(n, row, now))
                .filter(v -> segment == null || v.segment() == segment);
    }

    @WithSession
    public Uni<EngagementInputs.NetworkFacts> network(UUID networkId) {
        return inputs.network(networkId).onItem().ifNull().failWith(() -> ProblemException.notFound("network", networkId));
    }

    @WithTransaction
    public Uni<EngagementInputs.NetworkFacts> updateSettings(UUID networkId, String ifMatch, EngagementDtos.Settings s) {
        return network(networkId).chain(n -> {
            ETags.require(ifMatch, n.version());
            EngagementDtos.Settings before = EngagementDtos.Settings.of(n);
            return inputs.updateRules(networkId, s.halfLifeDays(), s.coreParticipation(), s.weights(),
                            ifMatch.trim().equals("*") ? null : n.version())
                    .chain(updated -> {
                        if (updated == 0) {
                            ETags.require(ifMatch, n.version() + 1);
                        }
                        health.markDirty(networkId);
                        return inputs.network(networkId);
                    })
                    .call(updated -> audit.record(networkId, "engagement-settings.updated", "network", networkId, before,
                            EngagementDtos.Settings.of(updated)));
        });
    }

    static EngagementDtos.View view(EngagementInputs.NetworkFacts n, EngagementInputs.MemberRow row, Instant now) {
        return EngagementDtos.View.of(row, n.rules(), MemberEngagement.of(row.inputs(), n.rules(), now));
    }
}
