package org.layer45.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {
    @Test
    void segmentsAreDecodedAndDotsDropped() {
        assertEquals(List.of("a b", "ü.txt"), StaticFiles.segments("/./a%20b//%C3%BC.txt"));
        assertEquals(List.of(), StaticFiles.segments("/"));
        assertEquals(List.of("a+b"), StaticFiles.segments("/a+b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/a/../b", "/%2e%2e/x", "/%2E%2e", "/a%2f..%2fb", "/..%5cwindows", "/a\\b"})
    void traversalIsRefusedBeforeTouchingTheFileSystem(String path) {
        assertNull(StaticFiles.segments(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative", "/%zz", "/%2", "/a%00b"})
    void malformedPathsAreErrors(String path) {
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.segments(path));
    }

    @Test
    void redirectHostComesOnlyFromPlainHostFields() {
        assertEquals("example.test", WebServer.hostFor("example.test:8080"));
        assertEquals("[::1]", WebServer.hostFor("[::1]:8080"));
        assertEquals("localhost", WebServer.hostFor("evil.test\r\nSet-Cookie: x=y"));
        assertEquals("localhost", WebServer.hostFor(null));
    }
}
