package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layer45.jsse.Session;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Version;

/**
 * Netty 4.2 on Layer45 in both roles, through the supported hook: {@code SslProvider.JDK} with
 * {@code sslContextProvider(Layer45)} (INTEROP.md §7). As a client, an HTTP/2 GET to nginx (frame
 * codec + multiplexed stream) must negotiate h2 and TLS 1.3 on a Layer45 engine. As a server,
 * h2 and http/1.1 by ALPN, reporting its own engine's session in the body, must serve the real curl
 * (OpenSSL + nghttp2) over HTTP/2 and HTTP/1.1.
 */
@Timeout(60)
class NettyTest {
    private static final String NETTY = "Netty " + Version.identify().get("netty-handler").artifactVersion();
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1);
    private static TestPki pki;
    private static EventLoopGroup group;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() throws Exception {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }

    @Test
    void clientGetsHttp2FromNginx(@TempDir Path dir) throws Exception {
        InteropMatrix.cell(NETTY + " client", "SslProvider.JDK + Layer45 -> nginx: HTTP/2 (ALPN h2), TLS 1.3");
        try (NginxPeer nginx = NginxPeer.startForHttpClients(pki, dir)) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(pki.trustStore());
            SslContext ssl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .sslContextProvider(TlsStack.LAYER45.provider()).trustManager(tmf).protocols("TLSv1.3")
                    .applicationProtocolConfig(ALPN).build();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(ssl.newHandler(c.alloc(), "localhost", nginx.port),
                                    Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                            // nginx opens no streams towards us
                                        }
                                    }));
                        }
                    }).connect(InetAddress.getLoopbackAddress(), nginx.port).sync().channel();
            try {
                SslHandler tls = ch.pipeline().get(SslHandler.class);
                tls.handshakeFuture().get(10, TimeUnit.SECONDS);
                assertEquals("h2", tls.applicationProtocol(), "ALPN");
                SSLSession session = tls.engine().getSession();
                // Netty wraps the provider's engine in its JdkAlpnSslEngine; the session is still ours.
                assertEquals("Layer45", session.getValue(Session.PROVIDER_KEY));
                assertEquals("TLSv1.3", session.getProtocol());
                String response = http2Get(ch, "localhost:" + nginx.port);
                assertTrue(response.startsWith("200 nginx saw TLSv1.3 "), response);
                assertTrue(response.contains("alpn=h2 http=HTTP/2.0"), response);
            } finally {
                ch.close().await(5, TimeUnit.SECONDS);
            }
        }
    }

    /** One GET on a new HTTP/2 stream; returns "status body". */
    private static String http2Get(Channel connection, String authority) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        StringBuilder body = new StringBuilder();
        String[] status = new String[1];
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new SimpleChannelInboundHandler<Http2StreamFrame>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                        boolean end = false;
                        if (frame instanceof Http2HeadersFrame h) {
                            if (h.headers().status() != null) {
                                status[0] = h.headers().status().toString();
                            }
                            end = h.isEndStream();
                        } else if (frame instanceof Http2DataFrame d) {
                            body.append(d.content().toString(StandardCharsets.UTF_8));
                            end = d.isEndStream();
                        }
                        if (end) {
                            result.complete(status[0] + " " + body);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        result.completeExceptionally(cause);
                    }
                }).open().get(10, TimeUnit.SECONDS);
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET").path("/")
                .scheme("https").authority(authority), true));
        return result.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "Netty server on Layer45, curl {0}")
    @CsvSource({"--http2, 2, h2", "--http1.1, 1.1, http/1.1"})
    void serverAnswersCurl(String curlFlag, String httpVersion, String alpn) throws Exception {
        InteropMatrix.cell(NETTY + " server", "SslProvider.JDK + Layer45, curl " + curlFlag + ": ALPN " + alpn
                + ", TLS 1.3");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(pki.keyStore("server-ec"), TlsStack.PASSWORD.toCharArray());
        SslContext ssl = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK)
                .sslContextProvider(TlsStack.LAYER45.provider()).protocols("TLSv1.3", "TLSv1.2")
                .applicationProtocolConfig(ALPN).build();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(ssl.newHandler(c.alloc()), new AlpnRouter());
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        try {
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            String out = Curl.get(pki, port, curlFlag).assertTls13(httpVersion, alpn);
            assertTrue(out.contains("netty on Layer45 TLSv1.3 alpn=" + alpn), out);
        } finally {
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    /** After the handshake: h2 gets the HTTP/2 frame codec, anything else HTTP/1.1. */
    private static final class AlpnRouter extends ApplicationProtocolNegotiationHandler {
        AlpnRouter() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            SSLSession s = ctx.pipeline().get(SslHandler.class).engine().getSession();
            String body = "netty on " + s.getValue(Session.PROVIDER_KEY) + " " + s.getProtocol() + " alpn=" + protocol
                    + " suite=" + s.getCipherSuite() + " group=" + s.getValue(Session.NAMED_GROUP_KEY) + "\n";
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new SimpleChannelInboundHandler<Http2HeadersFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext c, Http2HeadersFrame request) {
                                        c.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                                                .set("content-type", "text/plain")));
                                        c.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body,
                                                StandardCharsets.UTF_8), true));
                                    }
                                });
                            }
                        }));
                return;
            }
            ctx.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext c, FullHttpRequest request) {
                            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.OK, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                            c.writeAndFlush(response);
                        }
                    });
        }
    }
}
