package org.layer45.handshake.client.tls12;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.Transcript12;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.ClientHello;
import org.layer45.message.ServerHello;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.EcPointFormats;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.RenegotiationInfo;
import org.layer45.message.extension.SignatureAlgorithms;

/**
 * Awaits a TLS 1.2 ServerHello (RFC 5246 §7.4.1.3) and checks it: version, downgrade sentinel
 * (RFC 8446 §4.1.3), suite, compression, and the extensions — only ones we offered, extended master
 * secret required (RFC 7627 §5.3), an empty renegotiation_info required (RFC 5746 §3.4),
 * ec_point_formats with uncompressed (RFC 8422 §5.2). Accepts: ServerHello.
 *
 * @param offered13 whether our ClientHello also offered TLS 1.3 (then the sentinel is checked)
 * @param session   the session we offered to resume, or null
 */
public record ExpectServerHello12(HandshakeSettings settings, ClientHello offered, byte[] offeredEncoded,
        boolean offered13, ClientSession12 session) implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        ServerHello sh = in.require(ServerHello.class);
        if (!ProtocolVersion.TLS12.equals(sh.legacyVersion()) || !ClientHandshake12.negotiatesTls12(sh)) {
            throw new TlsFailure(AlertDescription.PROTOCOL_VERSION, Reason.UNSUPPORTED_VERSION,
                    "server selected " + sh.legacyVersion() + ", not tls 1.2");
        }
        byte[] tail = Arrays.copyOfRange(sh.random(), 24, 32);
        if (offered13 && (Arrays.equals(tail, ServerHello.DOWNGRADE_TLS12)
                || Arrays.equals(tail, ServerHello.DOWNGRADE_TLS11))) {
            // RFC 8446 §4.1.3: a TLS 1.3 client "MUST check ... and abort with an illegal_parameter alert".
            throw illegal(Reason.DOWNGRADE_DETECTED, "downgrade sentinel in server random");
        }
        CipherSuite suite = sh.cipherSuite();
        if (!offered.cipherSuites().contains(suite) || !Tls12Policy.isTls12Suite(suite)) {
            throw illegal(Reason.UNOFFERED_CIPHER_SUITE, "server selected a cipher suite it was not offered ("
                    + suite + ")");
        }
        if (sh.legacyCompressionMethod() != 0) {
            throw illegal(Reason.ILLEGAL_PARAMETER, "non-null compression method");
        }
        String alpn = checkExtensions(sh);
        boolean ticketExpected = sh.extensions().has(ExtensionType.SESSION_TICKET);
        boolean statusPromised = sh.extensions().has(ExtensionType.STATUS_REQUEST);
        Transcript12 transcript = new Transcript12();
        transcript.add(offeredEncoded);
        transcript.add(in.encoded());
        List<SignatureScheme> schemes = SignatureAlgorithms.decode(offered.extensions()
                .find(ExtensionType.SIGNATURE_ALGORITHMS).data()).schemes();
        boolean resumed = session != null && sh.legacySessionIdEcho().length > 0
                && MessageDigest.isEqual(sh.legacySessionIdEcho(), offered.legacySessionId());
        if (resumed && !suite.equals(session.suite())) {
            // RFC 5246 §7.4.1.3: a resumed session keeps its cipher suite.
            throw illegal(Reason.UNOFFERED_CIPHER_SUITE, "resumed session with a different cipher suite");
        }
        // RFC 7301 §3.1: ALPN belongs to the connection, not the session; "when session resumption or
        // session tickets are used, ... only the values in the new handshake messages are considered."
        ClientContext12 c = new ClientContext12(settings, offered, schemes, transcript, suite, sh.random(),
                sh.legacySessionIdEcho(), alpn, ticketExpected, resumed ? session : null, statusPromised,
                new byte[0]);
        if (resumed) {
            // RFC 5246 §7.3 abbreviated handshake: [NewSessionTicket], ChangeCipherSpec, Finished follow.
            return new ExpectServerChangeCipherSpec(c, session.masterSecret(), session.serverChain(), List.of(), null,
                    null);
        }
        return new ExpectServerCertificate12(c);
    }

    /** Checks the ServerHello extensions; returns the selected ALPN protocol or null. */
    private String checkExtensions(ServerHello sh) throws TlsFailure {
        for (Extension e : sh.extensions().list()) {
            if (!offered.extensions().has(e.type())) {
                throw new TlsFailure(AlertDescription.UNSUPPORTED_EXTENSION, Reason.UNSOLICITED_EXTENSION,
                        "server hello carries an extension we did not offer (" + ExtensionType.name(e.type()) + ")");
            }
        }
        if (!sh.extensions().has(ExtensionType.EXTENDED_MASTER_SECRET)) {
            // RFC 7627 §5.3: a client MAY abort without it; we require it (also for resumption).
            throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.MISSING_EXTENSION,
                    "server does not support the extended master secret");
        }
        Extension reneg = sh.extensions().find(ExtensionType.RENEGOTIATION_INFO);
        if (reneg == null || RenegotiationInfo.decode(reneg.data()).renegotiatedConnection().length != 0) {
            // RFC 5746 §3.4: a non-empty renegotiated_connection "MUST abort ... handshake_failure";
            // we also refuse servers without secure renegotiation support.
            throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.MISSING_EXTENSION,
                    "server lacks an empty renegotiation_info");
        }
        Extension formats = sh.extensions().find(ExtensionType.EC_POINT_FORMATS);
        if (formats != null && !EcPointFormats.decode(formats.data()).formats().contains(EcPointFormats.UNCOMPRESSED)) {
            // RFC 8422 §5.2: the uncompressed format must be supported.
            throw illegal(Reason.ILLEGAL_PARAMETER, "server ec_point_formats lacks uncompressed");
        }
        Extension ticket = sh.extensions().find(ExtensionType.SESSION_TICKET);
        if (ticket != null && ticket.data().length != 0) {
            throw TlsFailure.decodeError("non-empty session_ticket in server hello"); // RFC 5077 §3.2
        }
        Extension status = sh.extensions().find(ExtensionType.STATUS_REQUEST);
        if (status != null && status.data().length != 0) {
            // RFC 6066 §8: the server's status_request "SHALL be empty".
            throw TlsFailure.decodeError("non-empty status_request in server hello");
        }
        Extension alpn = sh.extensions().find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (alpn == null) {
            return null;
        }
        List<String> chosen = Alpn.decode(alpn.data()).protocols();
        if (chosen.size() != 1 || !settings.alpnProtocols().contains(chosen.get(0))) {
            // RFC 7301 §3.1: exactly one protocol, one the client offered.
            throw illegal(Reason.NO_APPLICATION_PROTOCOL, "server selected an alpn protocol we did not offer");
        }
        return chosen.get(0);
    }

    static TlsFailure illegal(Reason reason, String detail) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, reason, detail);
    }
}
