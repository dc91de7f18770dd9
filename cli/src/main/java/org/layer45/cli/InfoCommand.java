package org.layer45.cli;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.crypto.KeyExchange;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ContentType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.record.RecordProtection;

/**
 * {@code layer45 info}: what this build supports, each key-exchange group and record cipher
 * exercised once as a self-check.
 */
final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "what this build supports, with a self-check of every group and cipher";
    }

    @Override
    public String help() {
        return """
                usage: layer45 info

                Prints the Layer45 and Java versions, then runs every TLS 1.3 record cipher and every
                key-exchange group once in memory (seal/open one record; both sides of a key exchange)
                and lists the signature schemes. Exit code 0 when every check passed.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws CliException {
        Args.parse(args, Set.of(), Set.of());
        CryptoBackend backend = DefaultCryptoBackend.create();
        out.println("Layer45 " + Main.version() + " on Java " + Runtime.version());
        out.println("crypto backend: " + backend.name());
        boolean ok = true;
        for (CipherSuite suite : CipherSuite.TLS13_ALL) {
            ok &= report(out, err, "suite " + suite.name(), () -> checkRecordRoundTrip(backend, suite.aead()));
        }
        for (NamedGroup group : backend.supportedGroups()) {
            ok &= report(out, err, "group " + group.name(), () -> checkKeyExchange(backend, group));
        }
        StringBuilder schemes = new StringBuilder("signature schemes:");
        for (SignatureScheme s : backend.supportedSignatureSchemes()) {
            schemes.append(' ').append(s.name());
        }
        out.println(schemes);
        out.println(ok ? "self-check: ok" : "self-check: FAILED");
        return ok ? 0 : 1;
    }

    private interface Check {
        String run() throws TlsFailure;
    }

    private static boolean report(PrintStream out, PrintStream err, String what, Check check) {
        try {
            out.println(what + ": ok (" + check.run() + ")");
            return true;
        } catch (TlsFailure | RuntimeException e) {
            err.println(what + ": FAILED: " + e);
            return false;
        }
    }

    /** Seals one 1 KiB record and opens it with the peer's protection (RFC 8446 §5.2). */
    private static String checkRecordRoundTrip(CryptoBackend backend, AeadAlgorithm aead) throws TlsFailure {
        byte[] key = new byte[aead.keyLength()];
        byte[] iv = new byte[AeadAlgorithm.NONCE_LENGTH];
        backend.random().nextBytes(key);
        backend.random().nextBytes(iv);
        RecordProtection writer = RecordProtection.tls13(backend.aead(aead, key), iv);
        RecordProtection reader = RecordProtection.tls13(backend.aead(aead, key), iv);
        byte[] data = new byte[1024];
        backend.random().nextBytes(data);
        ByteBuffer wire = ByteBuffer.allocate(writer.maxRecordSize(data.length, 0));
        writer.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(data), wire, 0);
        wire.flip();
        int recordLength = wire.remaining();
        ByteBuffer plain = ByteBuffer.allocate(recordLength);
        int type = reader.open(wire, plain);
        byte[] back = Arrays.copyOf(plain.array(), plain.position());
        if (type != ContentType.APPLICATION_DATA || !Arrays.equals(data, back)) {
            throw new IllegalStateException("record did not round-trip");
        }
        return aead + ", 1024-byte record is " + recordLength + " bytes on the wire";
    }

    /** Runs both sides of a key exchange and checks they agree (RFC 8446 §4.2.8). */
    private static String checkKeyExchange(CryptoBackend backend, NamedGroup group) throws TlsFailure {
        KeyExchange kx = backend.keyExchange(group);
        KeyExchange.ClientKeyShare client = kx.generate();
        KeyExchange.ServerKeyShare server = kx.respond(client.publicShare());
        byte[] secret = client.complete(server.publicShare());
        if (!Arrays.equals(secret, server.sharedSecret())) {
            throw new IllegalStateException("client and server secrets differ");
        }
        return "client share " + client.publicShare().length + " B, server share " + server.publicShare().length
                + " B, secret " + secret.length + " B";
    }
}
