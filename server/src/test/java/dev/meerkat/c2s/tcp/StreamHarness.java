package dev.meerkat.c2s.tcp;

import dev.meerkat.auth.AuthService;
import dev.meerkat.auth.InMemoryUserStore;
import dev.meerkat.c2s.AuthThrottle;
import dev.meerkat.c2s.C2sEnvironment;
import dev.meerkat.c2s.ClientSession;
import dev.meerkat.jid.Jid;
import dev.meerkat.module.Hosts;
import dev.meerkat.routing.DefaultRouter;
import dev.meerkat.sasl.SaslMechanisms;
import dev.meerkat.session.LocalSessionDirectory;
import dev.meerkat.session.SessionManager;
import dev.meerkat.xml.ParserLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Client streams over Netty EmbeddedChannels against a real session stack (router, session
 * manager, SASL, in-memory accounts) with no sockets. Session work runs inline on the test thread.
 */
final class StreamHarness implements AutoCloseable {
    final Hosts hosts = new Hosts(List.of("localhost"));
    final AuthService auth = new AuthService(new InMemoryUserStore(), 4096, new SecureRandom());
    final LocalSessionDirectory directory = new LocalSessionDirectory();
    final SessionManager sessions = new SessionManager(directory, 10);
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final C2sEnvironment env;
    private int ids;

    StreamHarness(Duration stateTimeout) {
        env = new C2sEnvironment(hosts, new DefaultRouter(hosts, directory, auth::userExists), sessions, auth,
                SaslMechanisms.fromConfigNames(SaslMechanisms.allNames()), new AuthThrottle(10, Duration.ofMinutes(1), Clock.systemUTC()),
                3, stateTimeout, true, false, Runnable::run, scheduler, "test@node",
                dev.meerkat.metrics.C2sEvents.NONE);
    }

    StreamHarness() {
        this(Duration.ofSeconds(30));
    }

    EmbeddedChannel connect(ParserLimits limits, ChannelHandler... before) {
        TcpTransport transport = new TcpTransport(limits, null, false, t -> new ClientSession(env, t, "s" + (++ids)));
        EmbeddedChannel ch = new EmbeddedChannel();
        for (ChannelHandler h : before) ch.pipeline().addLast(h);
        ch.pipeline().addLast(transport);
        return ch;
    }

    EmbeddedChannel connect() { return connect(ParserLimits.DEFAULT); }

    static void send(EmbeddedChannel ch, String xml) {
        ch.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        ch.runPendingTasks();
    }

    /** Everything the server wrote since the last call. */
    static String received(EmbeddedChannel ch) {
        ch.runPendingTasks();
        StringBuilder b = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            b.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return b.toString();
    }

    static String open(String to) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='"
                + to + "' version='1.0'>";
    }

    /** Logs in with PLAIN (allowed without TLS here) and binds the resource; returns the channel. */
    EmbeddedChannel loggedIn(String user, String password, String resource) {
        auth.register(Jid.of(user, "localhost", null), password);
        EmbeddedChannel ch = connect();
        send(ch, open("localhost"));
        String plain = java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        String authOut = received(ch);
        if (!authOut.contains("<success")) throw new AssertionError("authentication failed: " + authOut);
        send(ch, open("localhost"));
        send(ch, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource + "</resource></bind></iq>");
        String out = received(ch);
        if (!out.contains("<jid>" + user + "@localhost/" + resource + "</jid>"))
            throw new AssertionError("login failed: " + out);
        return ch;
    }

    @Override
    public void close() { scheduler.shutdownNow(); }
}
