package dev.meerkat.c2s.ws;

import dev.meerkat.c2s.ClientSession;
import dev.meerkat.c2s.StreamTransport;
import dev.meerkat.config.HttpListenerConfig.WebSocketConfig;
import dev.meerkat.sasl.ChannelBinding;
import dev.meerkat.stream.StreamError;
import dev.meerkat.tls.TlsChannelBinding;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Node;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.ParserLimits;
import dev.meerkat.xml.StreamHeader;
import dev.meerkat.xml.Xml;
import dev.meerkat.xml.XmlStreamException;
import dev.meerkat.xml.XmlStreamHandler;
import dev.meerkat.xml.XmlStreamParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * XMPP over WebSocket (RFC 7395). Each WebSocket message is one complete XML element, parsed on
 * its own ({@link XmlStreamParser} in fragment mode, reset after every message, so nothing
 * carries over from one message to the next). {@code <open/>} and {@code <close/>} of the framing
 * namespace stand for the stream header and its end tag; everything else goes to the
 * {@link ClientSession} exactly as on TCP.
 *
 * <p>The session expects an RFC 6120 stream header, so {@code <open/>} is translated into the
 * header a TCP client would have sent ({@code stream:stream} in the streams namespace, default
 * namespace {@code jabber:client}) with the same attributes; an {@code <open/>} in another
 * namespace keeps that namespace and gets invalid-namespace from the session.
 *
 * <p>Output: each element is one text frame and declares its namespace itself (stanzas carry
 * {@code xmlns='jabber:client'}, features and errors declare the {@code stream} prefix).
 */
public final class WebSocketTransport extends ChannelInboundHandlerAdapter implements StreamTransport, XmlStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final int BACKLOG_HIGH = 256;

    private final XmlStreamParser parser;
    private final WebSocketConfig config;
    private final boolean secure;
    private final Function<StreamTransport, ClientSession> sessionFactory;
    private final List<String> out = new ArrayList<>();  // touched only by the session's executor
    private final StringBuilder scratch = new StringBuilder(256);
    private Channel channel;
    private ClientSession session;
    private CompositeByteBuf fragments;                   // a message arriving in several frames
    private boolean broken;                               // event loop: input after an error is ignored
    private volatile ChannelBinding binding = ChannelBinding.NONE;

    WebSocketTransport(ParserLimits limits, WebSocketConfig config, boolean secure,
                       Function<StreamTransport, ClientSession> sessionFactory) {
        this.config = config;
        this.secure = secure;
        this.sessionFactory = sessionFactory;
        this.parser = new XmlStreamParser(limits, this, true);
    }

    // ---- Netty side (event loop) ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        session = sessionFactory.apply(this);
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        // The HTTP request that got us here came over TLS, so its handshake is done.
        if (ssl != null && ssl.handshakeFuture().isSuccess()) binding = TlsChannelBinding.of(ssl);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            log.debug("WebSocket from {} open ({})", channel.remoteAddress(), hs.selectedSubprotocol());
            session.onConnected();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (broken) return;
            switch (msg) {
                case TextWebSocketFrame text when text.isFinalFragment() && fragments == null -> message(text.content());
                case TextWebSocketFrame text -> startFragments(text.content());
                case ContinuationWebSocketFrame more when fragments != null -> addFragment(more.content(), more.isFinalFragment());
                case BinaryWebSocketFrame b -> fail(new XmlStreamException(XmlStreamException.Kind.BAD_FORMAT,
                        "XMPP over WebSocket uses text frames only"));
                default -> { } // close frames are the protocol handler's; nothing else is expected
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startFragments(ByteBuf first) {
        if (fragments != null) {
            fail(new XmlStreamException(XmlStreamException.Kind.BAD_FORMAT, "a new message started inside another"));
            return;
        }
        fragments = channel.alloc().compositeBuffer();
        addFragment(first, false);
    }

    private void addFragment(ByteBuf part, boolean last) {
        if (fragments.readableBytes() + part.readableBytes() > config.maxFrameSize()) {
            dropFragments();
            tooBig();
            return;
        }
        fragments.addComponent(true, part.retain());
        if (!last) return;
        try {
            message(fragments);
        } finally {
            dropFragments();
        }
    }

    private void dropFragments() {
        if (fragments != null) fragments.release();
        fragments = null;
    }

    /** One whole WebSocket message: exactly the bytes of one or more complete elements. */
    private void message(ByteBuf content) {
        int from = content.readerIndex();
        int to = content.writerIndex();
        while (from < to && isXmlSpace(content.getByte(from))) from++;
        while (to > from && isXmlSpace(content.getByte(to - 1))) to--;
        if (from == to) return; // an empty or blank message carries nothing
        try {
            parser.feed(content.slice(from, to - from));
            parser.endOfInput(); // throws if the message stopped inside an element
            parser.reset();
            if (session.backlog() > BACKLOG_HIGH) setAutoRead(false);
        } catch (XmlStreamException e) {
            fail(e);
        }
    }

    private static boolean isXmlSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private void fail(XmlStreamException e) {
        broken = true;
        dropFragments();
        session.onXmlError(e);
    }

    private void tooBig() {
        broken = true;
        session.onPolicyViolation("WebSocket message larger than " + config.maxFrameSize() + " bytes");
    }

    /** KeepAlive: nothing from the client for idle_timeout. */
    void idleTimedOut() {
        broken = true;
        session.close(StreamError.CONNECTION_TIMEOUT, "no traffic for " + config.idleTimeout().toSeconds() + " s");
    }

    /**
     * Sits between Netty's frame decoding and its protocol handler, which would close the channel
     * on a frame error before the session could say why: turns those errors into stream errors.
     */
    ChannelHandler frameErrorGuard() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (!(cause instanceof CorruptedWebSocketFrameException bad)) {
                    ctx.fireExceptionCaught(cause);
                    return;
                }
                if (broken) return;
                if (bad.closeStatus() != null && bad.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                    tooBig();
                } else {
                    fail(new XmlStreamException(XmlStreamException.Kind.NOT_WELL_FORMED,
                            "invalid WebSocket frame: " + bad.getMessage()));
                }
            }
        };
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropFragments();
        session.onDisconnected();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("WebSocket {} failed: {}", channel.remoteAddress(), cause.toString());
        ctx.close();
    }

    // ---- parser callbacks (event loop) ----

    // Fragment mode never reports a stream root: <open/> and <close/> arrive as elements.
    @Override
    public void streamOpened(StreamHeader header) { }

    @Override
    public void streamClosed() { }

    @Override
    public void element(Element e) {
        if (e.name().equals("open")) { // in a wrong namespace too: the session answers invalid-namespace
            session.onStreamOpened(header(e));
        } else if (e.is("close", Ns.FRAMING)) {
            session.onStreamClosed();
        } else {
            session.onElement(e);
        }
    }

    /** The RFC 6120 stream header equivalent to an RFC 7395 {@code <open/>}. */
    static StreamHeader header(Element open) {
        boolean framing = Ns.FRAMING.equals(open.namespace());
        Map<String, String> declarations = new LinkedHashMap<>();
        declarations.put("", framing ? Ns.CLIENT : open.namespace());
        declarations.put("stream", Ns.STREAMS);
        return new StreamHeader("stream", framing ? "stream" : open.name(), framing ? Ns.STREAMS : open.namespace(),
                open.attributes(), Map.copyOf(declarations));
    }

    // ---- StreamTransport (session executor) ----

    @Override
    public void openStream(String from, String id, String to) {
        scratch.setLength(0);
        scratch.append("<open xmlns='").append(Ns.FRAMING).append("' id='").append(id).append('\'');
        if (from != null) { scratch.append(" from='"); Xml.escapeAttribute(from, scratch); scratch.append('\''); }
        if (to != null) { scratch.append(" to='"); Xml.escapeAttribute(to, scratch); scratch.append('\''); }
        scratch.append(" version='1.0' xml:lang='en'/>");
        out.add(scratch.toString());
    }

    @Override
    public void write(Element e) {
        scratch.setLength(0);
        if (Ns.STREAMS.equals(e.namespace())) writePrefixed(e);
        else e.writeTo(scratch, null); // no parent: the element states its own namespace
        out.add(scratch.toString());
    }

    /** stream:features and stream:error: each frame stands alone, so it declares the prefix itself. */
    private void writePrefixed(Element e) {
        scratch.append("<stream:").append(e.name()).append(" xmlns:stream='").append(Ns.STREAMS).append('\'');
        e.attributes().forEach((k, v) -> { scratch.append(' ').append(k).append("=\""); Xml.escapeAttribute(v, scratch); scratch.append('"'); });
        scratch.append('>');
        for (Node n : e.children()) n.writeTo(scratch, Ns.STREAMS);
        scratch.append("</stream:").append(e.name()).append('>');
    }

    @Override
    public void flush() {
        if (out.isEmpty()) return;
        if (!channel.isActive()) {
            out.clear();
            return;
        }
        for (String frame : out) channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
        out.clear();
        channel.flush();
    }

    @Override
    public void closeStream() {
        out.add("<close xmlns='" + Ns.FRAMING + "'/>");
        flush();
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void abort() { channel.close(); }

    /** TLS, if any, is the HTTP connection's: there is nothing to start inside the WebSocket. */
    @Override
    public boolean canStartTls() { return false; }

    @Override
    public void startTls(Element proceed) {
        throw new UnsupportedOperationException("no STARTTLS over WebSocket");
    }

    /** Nothing to do: the client sends a new {@code <open/>}, and every message is parsed afresh anyway. */
    @Override
    public void restartStream() { }

    @Override
    public boolean isSecure() { return secure; }

    @Override
    public ChannelBinding channelBinding() { return binding; }

    @Override
    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress("0.0.0.0", 0);
    }

    @Override
    public String name() { return "websocket"; }

    @Override
    public void setReading(boolean reading) { setAutoRead(reading); }

    private void setAutoRead(boolean on) {
        channel.eventLoop().execute(() -> {
            if (channel.config().isAutoRead() != on) channel.config().setAutoRead(on);
        });
    }
}
