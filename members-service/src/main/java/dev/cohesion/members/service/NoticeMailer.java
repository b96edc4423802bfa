package dev.cohesion.members.service;

import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.config.NoticesConfig;
import dev.cohesion.members.domain.Notice;
import dev.cohesion.members.domain.NoticeText;
import dev.cohesion.members.repository.NoticeRepository;
import dev.cohesion.members.repository.NoticeRepository.ToSend;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * E-mails notices through Quarkus Mailer (docs/notifications.md). A notice is claimed (SENDING, committed) before its
 * e-mail goes out and marked SENT after, so no two instances send it, and a crash in between leaves it SENDING, later
 * FAILED, never sent again: at most once. A refused send is tried again on the next rounds up to
 * {@code max-attempts}. A member's digest notices go in one e-mail.
 */
@ApplicationScoped
public class NoticeMailer {

    /** The header that names the notices an e-mail carries. */
    public static final String NOTICE_HEADER = "X-Cohesion-Notices";

    private static final Logger LOG = Logger.getLogger(NoticeMailer.class);

    private final NoticeRepository notices;
    private final ReactiveMailer mailer;
    private final NoticesConfig config;
    private final Clock clock;

    NoticeMailer(NoticeRepository notices, ReactiveMailer mailer, NoticesConfig config, Clock clock) {
        this.notices = notices;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    /** Sends what is due now; returns how many notices were claimed. */
    public Uni<Integer> sendDue() {
        Instant now = clock.instant();
        return notices.abandonClaimedBefore(now.minus(config.abandonAfter()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.warnf("%d notices were left claimed by a stopped sender: marked FAILED, not resent", n);
                    }
                })
                .chain(() -> notices.claim(now, now.minus(config.digestPeriod()), config.batch()))
                .chain(claimed -> sendAll(emails(claimed)).replaceWith(claimed.size()));
    }

    /** One e-mail per notice sent at once, one per member for the digest notices. */
    private static List<List<ToSend>> emails(List<ToSend> claimed) {
        List<List<ToSend>> emails = new ArrayList<>();
        Map<UUID, List<ToSend>> digests = new LinkedHashMap<>();
        for (ToSend n : claimed) {
            if (n.digest()) {
                digests.computeIfAbsent(n.memberId(), k -> new ArrayList<>()).add(n);
            } else {
                emails.add(List.of(n));
            }
        }
        emails.addAll(digests.values());
        return emails;
    }

    private Uni<Void> sendAll(List<List<ToSend>> emails) {
        return InOrder.each(emails, this::send);
    }

    private Uni<Void> send(List<ToSend> email) {
        ToSend first = email.get(0);
        List<UUID> ids = email.stream().map(ToSend::id).toList();
        if (first.email() == null) {
            return notices.finish(ids, Notice.Status.NOT_EMAILED, "the member has no e-mail address (erased)", clock.instant());
        }
        List<NoticeText.Item> items = email.stream()
                .map(n -> new NoticeText.Item(n.kind(), n.networkId(), n.networkName(), n.about(), n.dueAt())).toList();
        Mail mail = email.size() == 1 && !first.digest()
                ? Mail.withText(first.email(), NoticeText.subject(items.get(0)), NoticeText.body(items.get(0), config.appUrl()))
                : Mail.withText(first.email(), NoticeText.digestSubject(first.networkName(), items.size()),
                NoticeText.digestBody(items, config.appUrl()));
        mail.addHeader(NOTICE_HEADER, String.join(",", ids.stream().map(UUID::toString).toList()));
        return mailer.send(mail)
                .chain(() -> notices.finish(ids, Notice.Status.SENT, null, clock.instant()))
                .onFailure().recoverWithUni(e -> {
                    boolean last = first.attempts() >= config.maxAttempts();
                    LOG.warnf("e-mailing notices %s failed (attempt %d%s): %s", ids, first.attempts(), last ? ", giving up" : "", e.getMessage());
                    return notices.finish(ids, last ? Notice.Status.FAILED : Notice.Status.PENDING, String.valueOf(e.getMessage()), clock.instant());
                });
    }
}
