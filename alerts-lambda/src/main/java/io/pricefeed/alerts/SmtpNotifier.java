package io.pricefeed.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends alerts over plain SMTP (the local stack's embedded server, or any relay), and optionally
 * saves each mail as an {@code .eml} file so a local run leaves them to open.
 */
public class SmtpNotifier implements Notifier {
    private final Session session;
    private final String from;
    private final String to;
    private final Optional<Path> emlDir;
    private final AtomicLong saved = new AtomicLong();

    public SmtpNotifier(String host, int port, String from, String to, Optional<Path> emlDir) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        this.session = Session.getInstance(props);
        this.from = from;
        this.to = to;
        this.emlDir = emlDir;
    }

    @Override
    public void send(AlertEmail email) {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(email.subject(), "UTF-8");
            message.setText(email.body(), "UTF-8");
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new NotifierException("SMTP did not accept the alert: " + e.getMessage(), true, e);
        }
        emlDir.ifPresent(dir -> save(message, dir));
    }

    private void save(MimeMessage message, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(String.format("alert-%d-%04d.eml", System.currentTimeMillis(), saved.incrementAndGet()));
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            }
        } catch (IOException | MessagingException e) {
            // The mail went out; a missing local copy is not worth failing the batch for.
            org.slf4j.LoggerFactory.getLogger(SmtpNotifier.class).warn("could not save the alert as .eml in {}: {}", dir, e.toString());
        }
    }
}
