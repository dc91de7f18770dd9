package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.Role;
import org.layer45.handshake.Signatures;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.ClientHello;
import org.layer45.message.TlsReader;
import org.layer45.message.extension.SignatureAlgorithms;

/**
 * RFC 8446 §4.4.3: "RSA signatures MUST use an RSASSA-PSS algorithm, regardless of whether RSASSA-PKCS1-v1_5
 * algorithms appear in "signature_algorithms"", and §4.2.3: rsa_pkcs1_* "refer solely to signatures which
 * appear in certificates ... and are not defined for use in signed TLS handshake messages, although they MAY
 * appear in "signature_algorithms" and "signature_algorithms_cert" for backward compatibility with TLS 1.2".
 *
 * <ul>
 * <li>A peer's TLS 1.3 CertificateVerify under rsa_pkcs1_sha256 — a valid PKCS#1 v1.5 signature over the
 * real §4.4.3 content, put in place of the peer's own — is refused with illegal_parameter by both roles
 * (Signatures.verifyCertificateVerify: "A field in the handshake was incorrect", §6.2), even when our
 * configuration lists rsa_pkcs1_sha256 among its signature schemes, and when our TLS 1.3 + 1.2
 * ClientHello offered it on the wire for TLS 1.2's sake. The same forgery under rsa_pss_rsae_sha256 passes
 * the CertificateVerify check (and fails only the later Finished, which covers the original bytes), so
 * the refusal is the scheme's.</li>
 * <li>Our own choice never picks rsa_pkcs1_* in TLS 1.3, even when it is first in our list and the only
 * RSA scheme the peer offers: a server fails with handshake_failure, a client sends no certificate.</li>
 * </ul>
 */
class Tls13RsaPkcs1Test {
    private static final CertifiedKey RSA = TestCertificates.get(TestCertificates.Kind.RSA_2048);
    private static final CertifiedKey EC = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final List<SignatureScheme> PKCS1 = List.of(SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);

    /** The default schemes with rsa_pkcs1_* first: only the TLS 1.3 rule can keep them out. */
    private static List<SignatureScheme> pkcs1First() {
        List<SignatureScheme> out = new ArrayList<>(PKCS1);
        out.addAll(Config.DEFAULT_SIGNATURE_SCHEMES);
        return out;
    }

    private static Config.Builder server(CertifiedKey key) {
        return Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS13))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .certificateSelector(CertificateSelector.fixed(key))
                .peerVerifier(TrustedCertificatesVerifier.pinned(List.of(RSA.chain().get(0), EC.chain().get(0))));
    }

    private static Config.Builder client() {
        return Config.builder().serverName("pkcs1.test").enabledProtocols(List.of(ProtocolVersion.TLS13))
                .peerVerifier(TrustedCertificatesVerifier.pinned(List.of(RSA.chain().get(0), EC.chain().get(0))));
    }

    // ---- a peer's CertificateVerify under rsa_pkcs1_sha256

    @Test
    void serverCertificateVerifyUnderRsaPkcs1IsIllegalParameter() throws Exception {
        Config offersPkcs1 = client().signatureSchemes(pkcs1First()).build();
        // Our TLS 1.3 + 1.2 ClientHello lists rsa_pkcs1_* in signature_algorithms for TLS 1.2 (RFC 8446
        // §4.2.3 allows it); a TLS 1.3 server must still not use them.
        Config offers12 = client().enabledProtocols(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)).build();
        for (Config clientConfig : List.of(offersPkcs1, offers12)) {
            Forged x = forged(clientConfig, server(RSA).build(), true, SignatureScheme.RSA_PKCS1_SHA256);
            assertTrue(x.signatureAlgorithmsOffered.contains(SignatureScheme.RSA_PKCS1_SHA256),
                    "our ClientHello offered rsa_pkcs1_sha256");
            TlsFailure f = x.pump.client.failure();
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert(), f::toString);
            assertEquals(Reason.UNOFFERED_SIGNATURE_SCHEME, f.reason(), f::toString);
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, x.pump.serverSide.failure.alert(), "the server is told");
            assertNull(x.pump.client.session());
        }
        // Control: the same forgery under RSASSA-PSS passes CertificateVerify; only Finished then fails.
        Forged pss = forged(offersPkcs1, server(RSA).build(), true, SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertEquals(Reason.BAD_FINISHED, pss.pump.client.failure().reason(), pss.pump.client.failure()::toString);
    }

    @Test
    void clientCertificateVerifyUnderRsaPkcs1IsIllegalParameter() throws Exception {
        Config serverConfig = server(EC).signatureSchemes(pkcs1First()).clientAuth(ClientAuth.REQUIRED).build();
        Config clientConfig = client().certificateSelector(CertificateSelector.fixed(RSA)).build();
        Forged x = forged(clientConfig, serverConfig, false, SignatureScheme.RSA_PKCS1_SHA256);
        TlsFailure f = x.pump.server.failure();
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert(), f::toString);
        assertEquals(Reason.UNOFFERED_SIGNATURE_SCHEME, f.reason(), f::toString);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, x.pump.clientSide.failure.alert(), "the client is told");
        // Control, as above.
        Forged pss = forged(clientConfig, serverConfig, false, SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertEquals(Reason.BAD_FINISHED, pss.pump.server.failure().reason(), pss.pump.server.failure()::toString);
    }

    /** A handshake whose CertificateVerify was replaced, and the schemes the ClientHello offered. */
    private record Forged(Pump pump, List<SignatureScheme> signatureAlgorithmsOffered) {
    }

    /**
     * Runs a TLS 1.3 handshake (TLS_AES_128_GCM_SHA256, so SHA-256) in which the CertificateVerify of the
     * server ({@code serverSigns}) or of the client is replaced, in place, by a valid RSA signature under
     * {@code scheme} over the RFC 8446 §4.4.3 content of the real transcript, which the two connections'
     * hooks see message by message.
     */
    private static Forged forged(Config clientConfig, Config serverConfig, boolean serverSigns,
            SignatureScheme scheme) throws TlsFailure {
        ClientConnection client = new ClientConnection(clientConfig);
        ServerConnection server = new ServerConnection(serverConfig);
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        List<SignatureScheme> offered = new ArrayList<>();
        client.testHookBeforeHandshakeMessage(encoded -> {
            if (encoded[0] == HandshakeType.CLIENT_HELLO) {
                offered.addAll(offeredSchemes(encoded));
            }
            observe(encoded, transcript, !serverSigns, scheme);
        });
        server.testHookBeforeHandshakeMessage(encoded -> observe(encoded, transcript, serverSigns, scheme));
        Pump p = new Pump(client, server).handshake();
        return new Forged(p, offered);
    }

    private static void observe(byte[] encoded, ByteArrayOutputStream transcript, boolean forge,
            SignatureScheme scheme) {
        if (forge && encoded[0] == HandshakeType.CERTIFICATE_VERIFY) {
            byte[] content = Signatures.certificateVerifyContent(forgedRole(transcript),
                    sha256(transcript.toByteArray()));
            byte[] signature = rsaSign(scheme, RSA.key(), content);
            // type(1) length(3) algorithm(2) signature<0..2^16-1>: an RSA-2048 signature is 256 bytes either way.
            assertEquals(encoded.length, 8 + signature.length, "same length in place");
            encoded[4] = (byte) (scheme.code() >> 8);
            encoded[5] = (byte) scheme.code();
            System.arraycopy(signature, 0, encoded, 8, signature.length);
        }
        transcript.writeBytes(encoded);
    }

    /** The server signs first (RFC 8446 §4.4.3 context strings differ by role); the client after Finished. */
    private static Role forgedRole(ByteArrayOutputStream transcript) {
        byte[] t = transcript.toByteArray();
        boolean serverFinishedSeen = false;
        for (int p = 0; p + 4 <= t.length; p += 4 + (((t[p + 1] & 0xFF) << 16) | ((t[p + 2] & 0xFF) << 8)
                | (t[p + 3] & 0xFF))) {
            serverFinishedSeen |= t[p] == HandshakeType.FINISHED;
        }
        return serverFinishedSeen ? Role.CLIENT : Role.SERVER;
    }

    private static List<SignatureScheme> offeredSchemes(byte[] clientHello) {
        try {
            ClientHello ch = ClientHello.read(new TlsReader(Arrays.copyOfRange(clientHello, 4, clientHello.length)));
            return SignatureAlgorithms.decode(ch.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS).data())
                    .schemes();
        } catch (TlsFailure f) {
            throw new IllegalStateException(f);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RSASSA-PKCS1-v1_5 or RSASSA-PSS (MGF1, salt as long as the hash, RFC 8446 §4.2.3) with SHA-256. */
    private static byte[] rsaSign(SignatureScheme scheme, PrivateKey key, byte[] content) {
        try {
            Signature s;
            if (scheme.equals(SignatureScheme.RSA_PKCS1_SHA256)) {
                s = Signature.getInstance("SHA256withRSA");
            } else {
                assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, scheme);
                s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initSign(key);
            s.update(content);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- our own choice

    /**
     * A server with only an RSA key, rsa_pkcs1_* first in its list, and a client offering only rsa_pkcs1_*:
     * no TLS 1.3 signature is possible, so handshake_failure (RFC 8446 §4.2.3, §6.2), and no
     * CertificateVerify goes out. Offered rsa_pss_rsae_sha256 too, the server picks it, after rsa_pkcs1_*.
     */
    @Test
    void serverNeverSignsWithRsaPkcs1() throws Exception {
        Config serverConfig = server(RSA).signatureSchemes(pkcs1First()).build();
        List<Integer> sent = new ArrayList<>();
        Pump p = pump(client().signatureSchemes(PKCS1).build(), serverConfig, null, sent::add);
        TlsFailure f = p.server.failure();
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, f.alert(), f::toString);
        assertEquals(Reason.NO_COMMON_SIGNATURE_SCHEME, f.reason(), f::toString);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.clientSide.failure.alert());
        assertFalse(sent.contains(HandshakeType.CERTIFICATE_VERIFY), sent::toString);

        List<SignatureScheme> pkcs1ThenPss = new ArrayList<>(PKCS1);
        pkcs1ThenPss.add(SignatureScheme.RSA_PSS_RSAE_SHA256);
        Pump q = pump(client().signatureSchemes(pkcs1ThenPss).build(), serverConfig, null, null);
        assertTrue(q.client.isHandshakeComplete() && q.server.isHandshakeComplete());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, q.client.session().signatureScheme());
    }

    /**
     * A client with only an RSA key and rsa_pkcs1_* first in its list, asked for a certificate by a server
     * whose CertificateRequest offers rsa_pkcs1_* and ECDSA only: it cannot sign in TLS 1.3, so it sends
     * an empty Certificate and no CertificateVerify (RFC 8446 §4.4.2: "If the server requests client
     * authentication but no suitable certificate is available, the client MUST send a Certificate message
     * containing no certificates"), and a server requiring one aborts with certificate_required
     * (§4.4.2.4). Offered rsa_pss_rsae_sha256 too, the client signs with it.
     */
    @Test
    void clientNeverSignsWithRsaPkcs1() throws Exception {
        Config clientConfig = client().certificateSelector(CertificateSelector.fixed(RSA))
                .signatureSchemes(pkcs1First()).build();
        List<SignatureScheme> pkcs1AndEcdsa = new ArrayList<>(PKCS1);
        pkcs1AndEcdsa.add(SignatureScheme.ECDSA_SECP256R1_SHA256);
        List<byte[]> sent = new ArrayList<>();
        Pump p = pump(clientConfig, server(EC).signatureSchemes(pkcs1AndEcdsa).clientAuth(ClientAuth.REQUIRED)
                .build(), sent::add, null);
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, p.server.failure().alert(), p.server.failure()::toString);
        assertEquals(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.CERTIFICATE, HandshakeType.FINISHED),
                sent.stream().map(m -> (int) m[0]).toList());
        byte[] certificate = sent.get(1);
        assertEquals(8, certificate.length, "context<0> and an empty certificate_list<0>: "
                + Arrays.toString(certificate));

        List<SignatureScheme> withPss = new ArrayList<>(pkcs1AndEcdsa);
        withPss.add(SignatureScheme.RSA_PSS_RSAE_SHA256);
        List<byte[]> sentAgain = new ArrayList<>();
        Pump q = pump(clientConfig, server(EC).signatureSchemes(withPss).clientAuth(ClientAuth.REQUIRED).build(),
                sentAgain::add, null);
        assertTrue(q.client.isHandshakeComplete() && q.server.isHandshakeComplete());
        assertEquals(RSA.chain(), q.server.session().peerCertificates());
        byte[] cv = sentAgain.stream().filter(m -> m[0] == HandshakeType.CERTIFICATE_VERIFY).findFirst().orElseThrow();
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256.code(), ((cv[4] & 0xFF) << 8) | (cv[5] & 0xFF));
    }

    /** A handshake whose sent handshake messages (client) or their types (server) are recorded when asked. */
    private static Pump pump(Config clientConfig, Config serverConfig, Consumer<byte[]> clientSent,
            Consumer<Integer> serverSentTypes) throws TlsFailure {
        ClientConnection client = new ClientConnection(clientConfig);
        ServerConnection server = new ServerConnection(serverConfig);
        if (clientSent != null) {
            client.testHookBeforeHandshakeMessage(m -> clientSent.accept(m.clone()));
        }
        if (serverSentTypes != null) {
            server.testHookBeforeHandshakeMessage(m -> serverSentTypes.accept(m[0] & 0xFF));
        }
        return new Pump(client, server).handshake();
    }
}
