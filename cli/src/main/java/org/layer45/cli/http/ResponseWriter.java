package org.layer45.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Writes an HTTP/1.1 response (RFC 9112 §4, §6): status line, fields, Date, Content-Length, body. */
final class ResponseWriter {
    private ResponseWriter() {
    }

    static void write(OutputStream out, Response r, boolean head, boolean keepAlive) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        h.append("Server: layer45\r\n");
        for (Map.Entry<String, String> f : r.fields()) {
            h.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n");
        }
        h.append("Content-Length: ").append(r.length()).append("\r\n");
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            if (r.bytes() != null) {
                out.write(r.bytes());
            } else if (r.file() != null) {
                try (InputStream in = Files.newInputStream(r.file())) {
                    in.transferTo(out);
                }
            }
        }
        out.flush();
    }
}
