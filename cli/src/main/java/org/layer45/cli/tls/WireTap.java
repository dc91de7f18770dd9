package org.layer45.cli.tls;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Watches the TLS records of one connection as they cross the TCP socket (RFC 8446 §5.1,
 * RFC 5246 §6.2.1), underneath the TLS implementation, so {@code get -v} and {@code probe} can show
 * what actually went over the wire without any hook in the provider. Cleartext handshake messages
 * are described by {@link HandshakeMessages}; encrypted records are reported by size only (their
 * content types are hidden in TLS 1.3, RFC 8446 §5.2).
 */
public final class WireTap {
    /** RFC 8446 §5.1: 2^14 plus the largest expansion the record layer allows. */
    private static final int MAX_RECORD = (1 << 14) + 2048;
    private final Observations observations = new Observations();
    private final Consumer<String> log;
    private final Direction toServer;
    private final Direction toClient;
    private volatile boolean explainedEncryption;

    /** @param log receives one line per record or message, or null to only collect observations */
    public WireTap(Consumer<String> log) {
        this.log = log;
        HandshakeMessages messages = new HandshakeMessages(observations);
        this.toServer = new Direction("> ", messages);
        this.toClient = new Direction("< ", messages);
    }

    public Observations observations() {
        return observations;
    }

    /** Wraps the stream a client writes to the server. */
    public OutputStream outbound(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                toServer.feed(b, off, len);
            }
        };
    }

    /** Wraps the stream a client reads from the server. */
    public InputStream inbound(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    toClient.feed(b, off, n);
                }
                return n;
            }
        };
    }

    private void emit(String line) {
        if (log != null) {
            log.accept(line);
        }
    }

    /**
     * Reassembles records flowing one way, and handshake messages across records (RFC 8446 §5.1:
     * messages may be fragmented). Each direction is fed by one thread at a time (the socket's
     * reader or its writer), so this needs no lock of its own.
     */
    private final class Direction {
        private final String prefix;
        private final HandshakeMessages messages;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        private boolean encrypted;
        private boolean gaveUp;

        Direction(String prefix, HandshakeMessages messages) {
            this.prefix = prefix;
            this.messages = messages;
        }

        void feed(byte[] b, int off, int len) {
            if (gaveUp) {
                return;
            }
            pending.write(b, off, len);
            byte[] buf = pending.toByteArray();
            int pos = 0;
            while (buf.length - pos >= 5) {
                int type = buf[pos] & 0xFF;
                int length = ((buf[pos + 3] & 0xFF) << 8) | (buf[pos + 4] & 0xFF);
                if (type < 20 || type > 24 || length > MAX_RECORD) {
                    emit(prefix + "not a TLS record (type " + type + ", length " + length + "); no longer parsing");
                    gaveUp = true;
                    return;
                }
                if (buf.length - pos - 5 < length) {
                    break;
                }
                record(type, Arrays.copyOfRange(buf, pos + 5, pos + 5 + length));
                pos += 5 + length;
            }
            pending.reset();
            pending.write(buf, pos, buf.length - pos);
        }

        private void record(int type, byte[] body) {
            switch (type) {
                case 20 -> {
                    // TLS 1.2: what follows from this side is encrypted (RFC 5246 §7.1). TLS 1.3 sends it
                    // only for middlebox compatibility (RFC 8446 Appendix D.4), possibly before its second
                    // ClientHello, and encrypts with record type 23 anyway.
                    if ("TLSv1.2".equals(observations.serverVersion)) {
                        encrypted = true;
                        emit(prefix + "ChangeCipherSpec");
                    } else {
                        emit(prefix + "ChangeCipherSpec (TLS 1.3 middlebox compatibility, RFC 8446 Appendix D.4)");
                    }
                }
                case 21 -> emit(prefix + (encrypted ? "encrypted alert, " + body.length + " bytes" : alert(body)));
                case 22 -> {
                    if (encrypted) {
                        emit(prefix + "encrypted handshake record (Finished), " + body.length + " bytes");
                    } else {
                        handshakeBytes(body);
                    }
                }
                case 23 -> encryptedRecord(body.length);
                default -> emit(prefix + "record type " + type + ", " + body.length + " bytes");
            }
        }

        private void encryptedRecord(int length) {
            if (!explainedEncryption && !"TLSv1.2".equals(observations.serverVersion)) {
                explainedEncryption = true;
                emit(prefix + "encrypted record, " + length + " bytes (from here on TLS 1.3 hides the message "
                        + "types: EncryptedExtensions, Certificate, CertificateVerify, Finished, tickets and data)");
                return;
            }
            emit(prefix + "encrypted record, " + length + " bytes");
        }

        private void handshakeBytes(byte[] body) {
            handshake.write(body, 0, body.length);
            byte[] buf = handshake.toByteArray();
            int pos = 0;
            while (buf.length - pos >= 4) {
                int msgType = buf[pos] & 0xFF;
                int length = ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
                if (buf.length - pos - 4 < length) {
                    break;
                }
                byte[] msg = Arrays.copyOfRange(buf, pos + 4, pos + 4 + length);
                for (String line : messages.describe(msgType, msg).split("\n")) {
                    emit(prefix + line);
                }
                pos += 4 + length;
            }
            handshake.reset();
            handshake.write(buf, pos, buf.length - pos);
        }

        private String alert(byte[] body) {
            if (body.length != 2) {
                return "alert (malformed, " + body.length + " bytes)";
            }
            return "alert " + (body[0] == 2 ? "fatal " : "warning ") + org.layer45.error.AlertDescription.of(body[1] & 0xFF);
        }
    }
}
