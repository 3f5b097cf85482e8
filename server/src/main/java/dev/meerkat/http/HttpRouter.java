package dev.meerkat.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Sends each aggregated request to the endpoint registered for its exact path; 404 for any other. */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    private final Map<String, HttpEndpoint> endpoints;

    HttpRouter(Map<String, HttpEndpoint> endpoints) {
        super(false); // endpoints own the requests they are given
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            request.release();
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        HttpEndpoint endpoint = endpoints.get(new QueryStringDecoder(request.uri()).path());
        if (endpoint == null) {
            request.release();
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.NOT_FOUND, "not found");
            return;
        }
        endpoint.handle(ctx, request);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request too large");
            return;
        }
        log.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
