package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice to one member, of the kind its event type names ({@link NoticeKind}): ids and facts only, the e-mail's
 * address and text stay in members-service.
 *
 * @param about what the notice is about, as a path under the network: {@code purposes/<id>}, {@code cases/<id>},
 *              {@code sanctions/<id>}, {@code appeals/<id>}, {@code removal-appeals/<id>}, {@code norm-book/<version>},
 *              {@code invitations/<id>}
 */
public record NoticeIssued(UUID networkId, UUID noticeId, UUID memberId, String about, Instant issuedAt) {
}
