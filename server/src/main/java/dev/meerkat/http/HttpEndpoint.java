package dev.meerkat.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * What an {@link HttpListener} serves at one path: XMPP over WebSocket, BOSH, or anything else
 * reached over HTTP. The listener's {@link HttpRouter} picks the endpoint by exact path (the query
 * string is ignored) and hands it each request for that path.
 */
public interface HttpEndpoint {
    /** The absolute path served, e.g. {@code "/ws-xmpp"}. */
    String path();

    /**
     * Handles one request, on the connection's event loop. The endpoint owns the request: it must
     * release it or pass it on. It may answer at once, keep the request for later (long polling),
     * or reconfigure the pipeline after {@code ctx} and fire the request onward (WebSocket upgrade).
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}
