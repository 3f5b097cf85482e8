package dev.meerkat.c2s.tcp;

import dev.meerkat.c2s.ClientSession;
import dev.meerkat.c2s.StreamTransport;
import dev.meerkat.sasl.ChannelBinding;
import dev.meerkat.tls.TlsChannelBinding;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Node;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.ParserLimits;
import dev.meerkat.xml.StreamHeader;
import dev.meerkat.xml.Xml;
import dev.meerkat.xml.XmlStreamException;
import dev.meerkat.xml.XmlStreamHandler;
import dev.meerkat.xml.XmlReaders;
import dev.meerkat.xml.XmlStreamParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * XMPP over a TCP connection (RFC 6120), plain with STARTTLS or direct TLS (XEP-0368). Bytes are
 * parsed on the event loop, straight from Netty's buffers; each parsed element is handed to the
 * session's executor. Output is serialised on the session's thread, one buffer per batch, and
 * handed to the event loop, which writes whatever has queued up and flushes once.
 */
public final class TcpTransport extends ChannelInboundHandlerAdapter implements StreamTransport, XmlStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(TcpTransport.class);
    private static final int BACKLOG_HIGH = 256;
    private static final InetSocketAddress UNKNOWN_ADDRESS = new InetSocketAddress("0.0.0.0", 0);
    private static final int OUT_CAPACITY = 256;

    private final SslContext startTlsContext;   // null when STARTTLS is not offered
    private final boolean directTls;
    private final XmlStreamParser parser;
    private final Function<StreamTransport, ClientSession> sessionFactory;
    // Touched only by the session's executor. Made by the first write of a batch and dropped once
    // the batch is encoded, so an idle connection keeps no output buffer.
    private StringBuilder out;
    private Channel channel;
    private ReadGate gate;
    private ClientSession session;
    private boolean broken;                     // event-loop only: input after a parse error is ignored
    private volatile ChannelBinding binding = ChannelBinding.NONE;
    private volatile boolean secure;
    // Output encoded on the session's thread waits here for the event loop, which writes all of it
    // and flushes once: batches that pile up while the loop is busy leave in one write(2), and a
    // busy session schedules one loop task, not one per batch. The queue keeps the batches' order.
    private final Queue<ByteBuf> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable writeOutbound = this::writeOutbound;
    // Set on the event loop when the session's backlog paused reading; lets the session's drain skip
    // the loop hop of "resume reading" in the common case where reading was never paused.
    private volatile boolean pausedByBacklog;

    public TcpTransport(ParserLimits limits, SslContext startTlsContext, boolean directTls,
                        Function<StreamTransport, ClientSession> sessionFactory) {
        this(limits, startTlsContext, directTls, sessionFactory, new XmlReaders());
    }

    /** @param readers the XML readers shared by the listener's connections */
    public TcpTransport(ParserLimits limits, SslContext startTlsContext, boolean directTls,
                        Function<StreamTransport, ClientSession> sessionFactory, XmlReaders readers) {
        this.startTlsContext = startTlsContext;
        this.directTls = directTls;
        this.sessionFactory = sessionFactory;
        this.parser = new XmlStreamParser(limits, this, false, readers);
    }

    // ---- Netty side (event loop) ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        gate = new ReadGate(channel);
        session = sessionFactory.apply(this);
    }

    ReadGate gate() { return gate; }

    ClientSession session() { return session; }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.onConnected();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (broken || !(msg instanceof ByteBuf buf)) return;
            parser.feed(buf);
            if (session.backlog() > BACKLOG_HIGH) {
                pausedByBacklog = true;
                gate.backPressure(true);
            }
        } catch (XmlStreamException e) {
            broken = true;
            session.onXmlError(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent hs) {
            if (hs.isSuccess()) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                binding = TlsChannelBinding.of(ssl);
                secure = true;
                log.debug("TLS {} established with {}", ssl.engine().getSession().getProtocol(), channel.remoteAddress());
            } else {
                log.debug("TLS handshake with {} failed: {}", channel.remoteAddress(), hs.cause().toString());
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.onDisconnected();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} failed: {}", channel.remoteAddress(), cause.toString());
        ctx.close();
    }

    // ---- parser callbacks (event loop) ----

    @Override
    public void streamOpened(StreamHeader header) { session.onStreamOpened(header); }

    @Override
    public void element(Element element) { session.onElement(element); }

    @Override
    public void streamClosed() { session.onStreamClosed(); }

    // ---- StreamTransport (session executor) ----

    @Override
    public void openStream(String from, String id, String to) {
        StringBuilder out = out();
        out.append("<?xml version='1.0'?><stream:stream xmlns='").append(Ns.CLIENT)
                .append("' xmlns:stream='").append(Ns.STREAMS).append("' id='").append(id).append('\'');
        if (from != null) { out.append(" from='"); Xml.escapeAttribute(from, out); out.append('\''); }
        if (to != null) { out.append(" to='"); Xml.escapeAttribute(to, out); out.append('\''); }
        out.append(" version='1.0' xml:lang='en'>");
    }

    @Override
    public void write(Element e) {
        if (Ns.STREAMS.equals(e.namespace())) writePrefixed(e);
        else e.writeTo(out(), Ns.CLIENT);
    }

    private StringBuilder out() {
        if (out == null) out = new StringBuilder(OUT_CAPACITY);
        return out;
    }

    /** stream:features and stream:error use the prefix the stream header declared. */
    private void writePrefixed(Element e) {
        StringBuilder out = out();
        out.append("<stream:").append(e.name());
        e.attributes().forEach((k, v) -> { out.append(' ').append(k).append("=\""); Xml.escapeAttribute(v, out); out.append('"'); });
        out.append('>');
        for (Node n : e.children()) n.writeTo(out, Ns.STREAMS);
        out.append("</stream:").append(e.name()).append('>');
    }

    @Override
    public void flush() {
        if (out == null) return;
        if (out.isEmpty() || !channel.isActive()) {
            out = null;
            return;
        }
        outbound.add(encodeOut());
        if (flushScheduled.compareAndSet(false, true)) channel.eventLoop().execute(writeOutbound);
    }

    private ByteBuf encodeOut() {
        ByteBuf buf = out == null ? Unpooled.EMPTY_BUFFER : ByteBufUtil.writeUtf8(channel.alloc(), out);
        out = null;
        return buf;
    }

    /** Event loop: everything queued so far, in order, then one flush. */
    private void writeOutbound() {
        // Cleared before polling: a batch queued after the last poll schedules a new run.
        flushScheduled.set(false);
        ByteBuf buf;
        boolean wrote = false;
        while ((buf = outbound.poll()) != null) {
            channel.write(buf, channel.voidPromise());  // on a closed channel this releases buf
            wrote = true;
        }
        if (wrote) channel.flush();
    }

    @Override
    public void closeStream() {
        out().append("</stream:stream>");
        outbound.add(encodeOut());
        channel.eventLoop().execute(() -> {
            writeOutbound();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
    }

    @Override
    public void abort() { channel.close(); }

    @Override
    public boolean canStartTls() { return startTlsContext != null && !directTls && !secure && channel.pipeline().get(SslHandler.class) == null; }

    @Override
    public void startTls(Element proceed) {
        StringBuilder b = new StringBuilder();
        proceed.writeTo(b, Ns.CLIENT);
        String proceedXml = b.toString();
        channel.eventLoop().execute(() -> {
            writeOutbound();  // what the session wrote before <proceed/> leaves before TLS starts
            // The handler goes in first, in start-TLS mode, so that <proceed/> itself leaves in the clear.
            channel.pipeline().addFirst("tls", new SslHandler(startTlsContext.newEngine(channel.alloc()), true));
            parser.reset();
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), proceedXml), channel.voidPromise());
        });
    }

    @Override
    public void restartStream() { channel.eventLoop().execute(parser::reset); }

    @Override
    public boolean isSecure() { return secure; }

    @Override
    public ChannelBinding channelBinding() { return binding; }

    @Override
    public InetSocketAddress remoteAddress() {
        // Only in-memory test channels lack an IP address; they count as the unspecified address.
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : UNKNOWN_ADDRESS;
    }

    @Override
    public String name() { return directTls ? "tls" : secure ? "starttls" : "tcp"; }

    @Override
    public void setReading(boolean reading) {
        if (!reading) {
            pausedByBacklog = true;
            gate.backPressure(true);
        } else if (pausedByBacklog) {
            pausedByBacklog = false;
            gate.backPressure(false);
        }
    }
}
