package org.layer45.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An HTTP/1.1 response read by the client side of {@code get}: status line, header fields, and the
 * body framed as RFC 9112 §6.3 says (chunked, Content-Length, or until the connection closes),
 * copied to a sink so large bodies need not fit in memory.
 */
public final class HttpResponse {
    private final HttpHead head;
    private final int status;
    private final long bodyLength;

    private HttpResponse(HttpHead head, int status, long bodyLength) {
        this.head = head;
        this.status = status;
        this.bodyLength = bodyLength;
    }

    /** Reads one response to a request of {@code method}, writing its body to {@code body}. */
    public static HttpResponse read(InputStream in, String method, OutputStream body) throws IOException {
        HttpHead head;
        int status;
        do {
            head = HttpHead.read(in);
            if (head == null) {
                throw new EOFException("the server closed the connection without an HTTP response");
            }
            status = statusOf(head.startLine());
        } while (status >= 100 && status < 200 && status != 101); // RFC 9110 §15.2: skip interim responses
        long length = 0;
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
        if (!noBody) {
            length = copyBody(head, in, body);
        }
        return new HttpResponse(head, status, length);
    }

    private static int statusOf(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    private static long copyBody(HttpHead head, InputStream in, OutputStream body) throws IOException {
        if (head.fieldHasToken("Transfer-Encoding", "chunked")) {
            return copyChunked(in, body);
        }
        String cl = head.field("Content-Length");
        if (cl != null) {
            long n = Long.parseLong(cl.trim());
            copy(in, body, n);
            return n;
        }
        return copy(in, body, Long.MAX_VALUE); // until close (RFC 9112 §6.3 item 8)
    }

    /** RFC 9112 §7.1: chunk-size [; ext] CRLF data CRLF ... 0 CRLF trailers CRLF. */
    private static long copyChunked(InputStream in, OutputStream body) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = chunkLine(in);
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!chunkLine(in).isEmpty()) {
                    // trailer fields are not shown
                }
                return total;
            }
            copy(in, body, size);
            total += size;
            chunkLine(in); // the CRLF after the data
        }
    }

    private static String chunkLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                buf.write(b);
            }
        }
        return buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[16384];
        long total = 0;
        while (total < max) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, max - total));
            if (n < 0) {
                if (max != Long.MAX_VALUE) {
                    throw new EOFException("connection closed after " + total + " of " + max + " body bytes");
                }
                break;
            }
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    public HttpHead head() {
        return head;
    }

    public int status() {
        return status;
    }

    public long bodyLength() {
        return bodyLength;
    }
}
