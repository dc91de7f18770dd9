package org.layer45.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves files below one directory (GET and HEAD). Paths are percent-decoded strictly, a ".."
 * segment is refused (403) before anything touches the file system, and the real path of what is
 * found must still lie under the root, so a symbolic link cannot lead out either (403). Directories
 * show index.html if present, else a listing.
 */
public final class StaticFiles implements WebServer.Handler {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
            Map.entry("xml", "application/xml"), Map.entry("md", "text/markdown; charset=utf-8"));
    private final Path root;

    public StaticFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    @Override
    public Response handle(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Response.text(405, "Method Not Allowed", "only GET and HEAD\n").field("Allow", "GET, HEAD");
        }
        List<String> segments;
        try {
            segments = segments(request.path());
        } catch (IllegalArgumentException e) {
            return Response.text(400, "Bad Request", e.getMessage() + "\n");
        }
        if (segments == null) {
            return Response.text(403, "Forbidden", "path leaves the served directory\n");
        }
        Path target = root.resolve(String.join("/", segments));
        Path real;
        try {
            real = target.toRealPath();
        } catch (NoSuchFileException e) {
            return Response.text(404, "Not Found", "not found: " + request.path() + "\n");
        }
        if (!real.startsWith(root)) {
            return Response.text(403, "Forbidden", "path leaves the served directory\n");
        }
        if (Files.isDirectory(real)) {
            if (!request.path().endsWith("/")) {
                return Response.text(301, "Moved Permanently", "").field("Location", request.path() + "/");
            }
            Path index = real.resolve("index.html");
            if (Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
                return Response.file(TYPES.get("html"), index, Files.size(index));
            }
            return listing(request.path(), real);
        }
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            return Response.text(404, "Not Found", "not found: " + request.path() + "\n");
        }
        return Response.file(contentType(real), real, Files.size(real));
    }

    /**
     * The decoded path segments, without empty and "." ones; null (refused, never resolved) when a
     * ".." segment appears or an escaped "/" or "\\" would smuggle a separator into a segment. Bad
     * escapes and NUL are errors.
     */
    static List<String> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw new IllegalArgumentException("request target must be an absolute path");
        }
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            String s = percentDecode(raw);
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("NUL in path");
            }
            if (s.equals("..") || s.indexOf('\\') >= 0 || s.indexOf('/') >= 0) {
                return null;
            }
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }

    /** RFC 3986 §2.1 percent-decoding as UTF-8; '+' stays '+' (it is not a space in a path). */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type != null ? type : "application/octet-stream";
    }

    private static Response listing(String path, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""));
            }
        }
        names.sort(null);
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>")
                .append(escape(path)).append("</title><h1>").append(escape(path)).append("</h1><ul>");
        for (String n : names) {
            String href = URLEncoder.encode(n.endsWith("/") ? n.substring(0, n.length() - 1) : n, StandardCharsets.UTF_8)
                    .replace("+", "%20") + (n.endsWith("/") ? "/" : "");
            html.append("<li><a href=\"").append(href).append("\">").append(escape(n)).append("</a>");
        }
        html.append("</ul>\n");
        return Response.bytes(200, "OK", TYPES.get("html"), html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
