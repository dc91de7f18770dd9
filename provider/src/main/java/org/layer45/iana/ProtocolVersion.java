package org.layer45.iana;

/** A TLS protocol version as on the wire (RFC 8446 §4.2.1). Open: GREASE values survive. */
public record ProtocolVersion(int code) {
    public static final ProtocolVersion SSL3 = new ProtocolVersion(0x0300);
    public static final ProtocolVersion TLS10 = new ProtocolVersion(0x0301);
    public static final ProtocolVersion TLS11 = new ProtocolVersion(0x0302);
    public static final ProtocolVersion TLS12 = new ProtocolVersion(0x0303);
    public static final ProtocolVersion TLS13 = new ProtocolVersion(0x0304);

    public static ProtocolVersion of(int code) {
        return switch (code) {
            case 0x0300 -> SSL3;
            case 0x0301 -> TLS10;
            case 0x0302 -> TLS11;
            case 0x0303 -> TLS12;
            case 0x0304 -> TLS13;
            default -> new ProtocolVersion(code);
        };
    }

    /** The JSSE name ("TLSv1.3"), or a hex form for unknown values. */
    public String jsseName() {
        return switch (code) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("0x%04x", code);
        };
    }

    @Override
    public String toString() {
        return jsseName();
    }
}
