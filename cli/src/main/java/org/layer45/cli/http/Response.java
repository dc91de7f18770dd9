package org.layer45.cli.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response a handler returns: status, header fields, and a body held in memory or read
 * from a file when it is sent. The server adds Date, Content-Length, Connection and HSTS.
 */
public final class Response {
    private final int status;
    private final String reason;
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();
    private final byte[] bytes;
    private final Path file;
    private final long length;

    private Response(int status, String reason, byte[] bytes, Path file, long length) {
        this.status = status;
        this.reason = reason;
        this.bytes = bytes;
        this.file = file;
        this.length = length;
    }

    public static Response bytes(int status, String reason, String contentType, byte[] body) {
        return new Response(status, reason, body, null, body.length).field("Content-Type", contentType);
    }

    public static Response text(int status, String reason, String body) {
        return bytes(status, reason, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response file(String contentType, Path file, long length) {
        return new Response(200, "OK", null, file, length).field("Content-Type", contentType);
    }

    public Response field(String name, String value) {
        fields.add(Map.entry(name, value));
        return this;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /** The in-memory body, or null when it comes from {@link #file()}. */
    public byte[] bytes() {
        return bytes;
    }

    public Path file() {
        return file;
    }

    public long length() {
        return length;
    }
}
