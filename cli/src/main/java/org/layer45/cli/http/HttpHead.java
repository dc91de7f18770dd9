package org.layer45.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start line and header fields of an HTTP/1.1 message (RFC 9112 §2.1), read byte by byte so
 * nothing of the body is consumed. Field names keep their case for display; lookups ignore it.
 */
public final class HttpHead {
    /** Refuse heads larger than this (RFC 9112 §2.3 leaves the limit to the implementation). */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final String startLine;
    private final List<Map.Entry<String, String>> fields;

    HttpHead(String startLine, List<Map.Entry<String, String>> fields) {
        this.startLine = startLine;
        this.fields = List.copyOf(fields);
    }

    /** Reads a head; null if the stream ends before its first byte (the peer closed an idle connection). */
    public static HttpHead read(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String start = line(in, budget, true);
        if (start == null) {
            return null;
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String l = line(in, budget, false); !l.isEmpty(); l = line(in, budget, false)) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header field: " + l);
            }
            fields.add(Map.entry(l.substring(0, colon).trim(), l.substring(colon + 1).trim()));
        }
        return new HttpHead(start, fields);
    }

    /** One line without its CRLF (a bare LF is accepted, RFC 9112 §2.2). */
    private static String line(InputStream in, int[] budget, boolean firstLine) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (firstLine && buf.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of the HTTP head");
            }
            if (--budget[0] < 0) {
                throw new IOException("HTTP head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
        }
    }

    public String startLine() {
        return startLine;
    }

    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /** The first value of field {@code name} (case-insensitive), or null. */
    public String field(String name) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** Whether a comma-separated field such as Connection contains {@code token}. */
    public boolean fieldHasToken(String name, String token) {
        String v = field(name);
        if (v == null) {
            return false;
        }
        for (String t : v.split(",")) {
            if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }
}
