package dev.meerkat.metrics;

import dev.meerkat.http.HttpEndpoint;
import dev.meerkat.http.HttpResponses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;

/**
 * {@code GET /metrics} in the Prometheus text format. The scrape runs on the blocking executor:
 * some gauges read storage (account counts) and the text can be large.
 */
public final class MetricsEndpoint implements HttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final XmppMetrics metrics;
    private final Executor blocking;

    public MetricsEndpoint(PrometheusMeterRegistry registry, XmppMetrics metrics, Executor blocking) {
        this.registry = registry;
        this.metrics = metrics;
        this.blocking = blocking;
    }

    @Override
    public String path() { return "/metrics"; }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        request.release();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            return;
        }
        blocking.execute(() -> {
            String text;
            try {
                metrics.refreshRegisteredUsers();
                text = registry.scrape();
            } catch (RuntimeException e) {
                log.warn("metrics scrape failed", e);
                HttpResponses.sendAndClose(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "scrape failed: " + e.getMessage());
                return;
            }
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    method.equals(HttpMethod.HEAD) ? ctx.alloc().buffer(0) : ByteBufUtil.writeUtf8(ctx.alloc(), text));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            if (keepAlive) {
                HttpUtil.setKeepAlive(r, true);
                ctx.writeAndFlush(r);
            } else {
                HttpResponses.sendAndClose(ctx, r);
            }
        });
    }
}
