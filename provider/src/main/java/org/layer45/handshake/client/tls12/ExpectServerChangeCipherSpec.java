package org.layer45.handshake.client.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Tls12Policy;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.ChangeCipherSpec;
import org.layer45.message.NewSessionTicket12;
import org.layer45.record.RecordProtection;

/**
 * Awaits the server's ChangeCipherSpec (RFC 5246 §7.1), preceded by NewSessionTicket when the server
 * promised one (RFC 5077 §3.3). Accepts: NewSessionTicket (once, if promised), ChangeCipherSpec.
 *
 * @param serverRead the protection of the server's records, or null to derive it (abbreviated handshake)
 * @param ticket     the ticket received so far, or null
 */
public record ExpectServerChangeCipherSpec(ClientContext12 c, byte[] master, List<X509Certificate> serverChain,
        List<X509Certificate> localChain, SignatureScheme serverScheme, NamedGroup group,
        RecordProtection serverRead, NewSessionTicket12 ticket) implements Client12State {

    ExpectServerChangeCipherSpec(ClientContext12 c, byte[] master, List<X509Certificate> serverChain,
            List<X509Certificate> localChain, SignatureScheme serverScheme, NamedGroup group,
            RecordProtection serverRead) {
        this(c, master, serverChain, localChain, serverScheme, group, serverRead, null);
    }

    ExpectServerChangeCipherSpec(ClientContext12 c, byte[] master, List<X509Certificate> serverChain,
            List<X509Certificate> localChain, SignatureScheme serverScheme, NamedGroup group) {
        this(c, master, serverChain, localChain, serverScheme, group, null, null);
    }

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (in.is(NewSessionTicket12.class) && c.ticketExpected() && ticket == null) {
            c.transcript().add(in.encoded()); // RFC 5077 §3.3: part of the Finished hash
            return new ExpectServerChangeCipherSpec(c, master, serverChain, localChain, serverScheme, group,
                    serverRead, in.require(NewSessionTicket12.class));
        }
        in.require(ChangeCipherSpec.class);
        RecordProtection read = serverRead;
        RecordProtection write = null;
        if (read == null) {
            Tls12Policy.Protections p = Tls12Policy.protections(c.settings().backend(), c.suite(), master,
                    c.clientRandom(), c.serverRandom());
            read = p.server();
            write = p.client();
        }
        out.installReadProtection12(read);
        return new ExpectServerFinished12(this, write);
    }
}
