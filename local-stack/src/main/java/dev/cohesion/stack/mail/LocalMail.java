package dev.cohesion.stack.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server on the loopback interface (GreenMail, from Maven Central), for members-service's notices in
 * {@code ./cohesion up} and in the tests. It keeps what it receives in memory; mailboxes are readable over IMAP
 * with the recipient's address as login and password.
 */
public final class LocalMail implements AutoCloseable {

    /** One received e-mail, as a reader sees it. */
    public record Mail(List<String> to, String subject, String body, String messageId) {
    }

    private final GreenMail server;
    private final int smtpPort;
    private final int imapPort;

    private LocalMail(GreenMail server, int smtpPort, int imapPort) {
        this.server = server;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public static LocalMail start(int smtpPort, int imapPort) {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        return new LocalMail(server, smtpPort, imapPort);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Every e-mail received so far, oldest first. */
    public List<Mail> received() {
        return Arrays.stream(server.getReceivedMessages()).map(LocalMail::read).toList();
    }

    /** The e-mails received so far for one address. */
    public List<Mail> receivedBy(String address) {
        return received().stream().filter(m -> m.to().contains(address)).toList();
    }

    private static Mail read(MimeMessage m) {
        try {
            List<String> to = Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
            Object content = m.getContent();
            String body = content instanceof String text ? text : GreenMailUtil.getBody(m);
            return new Mail(to, m.getSubject(), body, m.getMessageID());
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("cannot read a received e-mail", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
