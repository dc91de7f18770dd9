package org.layer45.message.extension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ClientHello server_name extension body (RFC 6066 §3): {@code ServerName server_name_list<1..2^16-1>},
 * each entry {@code NameType name_type; HostName host_name} with host_name type 0 and
 * {@code opaque HostName<1..2^16-1>} in ASCII. Only host_name entries are accepted (as OpenSSL does:
 * an unknown name type cannot be parsed), at most one (RFC 6066 §3 "MUST NOT contain more than one
 * name of the same name_type" → illegal_parameter). The empty server_name sent back by a server is
 * not this structure: check its data is empty instead.
 *
 * @param hostNames the host names, as ASCII strings
 */
public record ServerNameList(List<String> hostNames) {
    /** NameType host_name (RFC 6066 §3). */
    public static final int HOST_NAME = 0;

    public ServerNameList {
        hostNames = List.copyOf(hostNames);
    }

    /** A list with one host name. */
    public static ServerNameList of(String hostName) {
        return new ServerNameList(List.of(hostName));
    }

    /** Decodes the extension data. */
    public static ServerNameList decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub16("server_name_list");
        r.expectEnd("server_name extension");
        if (!list.hasRemaining()) {
            throw TlsFailure.decodeError("empty server_name_list");
        }
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) {
            int nameType = list.u8("server name type");
            if (nameType != HOST_NAME) {
                throw TlsFailure.decodeError("unknown server name type " + nameType);
            }
            byte[] name = list.opaque16("host_name");
            if (name.length == 0) {
                throw TlsFailure.decodeError("empty host_name");
            }
            for (byte b : name) {
                if (b <= 0) { // RFC 6066 §3: ASCII, no NUL; negative bytes are non-ASCII
                    throw TlsFailure.decodeError("host_name is not ASCII");
                }
            }
            if (!names.isEmpty()) {
                throw TlsFailure.illegalParameter("more than one host_name in server_name");
            }
            names.add(new String(name, StandardCharsets.US_ASCII));
        }
        return new ServerNameList(names);
    }

    /** The server_name extension carrying this list. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed16(l -> {
            for (String name : hostNames) {
                l.u8(HOST_NAME).opaque16(name.getBytes(StandardCharsets.US_ASCII));
            }
        });
        return new Extension(ExtensionType.SERVER_NAME, w.toByteArray());
    }
}
