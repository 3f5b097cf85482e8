package dev.meerkat.admin;

import dev.meerkat.config.AdminApiConfig;
import dev.meerkat.http.HttpEndpoint;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The admin API over HTTP: REST with JSON bodies (docs/adr/0004-admin-api.md), one
 * {@link HttpEndpoint} per path of the route table plus {@code /api/openapi.json}. Requests are
 * checked (basic auth, method, JSON) on the event loop and run on the blocking executor.
 */
public final class AdminApi {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    public static final String OPENAPI_PATH = "/api/openapi.json";

    private final AdminApiConfig config;
    private final List<AdminRoute> routes;
    private final Executor blocking;
    private final String version;
    private final byte[] expectedAuth;

    public AdminApi(AdminApiConfig config, List<AdminRoute> routes, Executor blocking, String version) {
        this.config = config;
        this.routes = List.copyOf(routes);
        this.blocking = blocking;
        this.version = version;
        this.expectedAuth = config.requiresAuth()
                ? ("Basic " + Base64.getEncoder().encodeToString((config.username() + ":" + config.password())
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8)
                : null;
    }

    /** The endpoints to serve on the admin listener. */
    public List<HttpEndpoint> endpoints() {
        Map<String, Map<String, AdminRoute>> byPath = new LinkedHashMap<>();
        for (AdminRoute r : routes) {
            if (byPath.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), r) != null) {
                throw new IllegalArgumentException("two routes for " + r.method() + " " + r.path());
            }
        }
        List<HttpEndpoint> out = new ArrayList<>();
        byPath.forEach((path, methods) -> out.add(new Endpoint(path, Map.copyOf(methods))));
        String openApi = Json.write(OpenApi.describe(routes, version));
        out.add(new HttpEndpoint() {
            @Override public String path() { return OPENAPI_PATH; }

            @Override
            public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
                // the description is public: it says what exists, not what is in it
                boolean keepAlive = HttpUtil.isKeepAlive(request);
                request.release();
                send(ctx, 200, openApi, keepAlive);
            }
        });
        return out;
    }

    private final class Endpoint implements HttpEndpoint {
        private final String path;
        private final Map<String, AdminRoute> methods;

        Endpoint(String path, Map<String, AdminRoute> methods) {
            this.path = path;
            this.methods = methods;
        }

        @Override public String path() { return path; }

        @Override
        public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            AdminRequest parsed;
            AdminRoute route;
            try {
                if (!authorized(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                    FullHttpResponse r = response(ctx, 401, error("authentication required"));
                    r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"meerkat-admin\", charset=\"UTF-8\"");
                    write(ctx, r, keepAlive);
                    return;
                }
                route = methods.get(request.method().name());
                if (route == null) {
                    FullHttpResponse r = response(ctx, 405, error("method not allowed; use " + String.join(", ", methods.keySet())));
                    r.headers().set(HttpHeaderNames.ALLOW, String.join(", ", methods.keySet()));
                    write(ctx, r, keepAlive);
                    return;
                }
                parsed = parse(request);
            } catch (AdminException e) {
                send(ctx, e.status(), error(e.getMessage()), keepAlive);
                return;
            } finally {
                request.release();
            }
            try {
                blocking.execute(() -> run(ctx, route, parsed, keepAlive));
            } catch (RejectedExecutionException e) {
                send(ctx, 503, error("the server is shutting down"), false);
            }
        }
    }

    private void run(ChannelHandlerContext ctx, AdminRoute route, AdminRequest request, boolean keepAlive) {
        int status;
        String body;
        try {
            body = Json.write(route.handler().apply(request));
            status = route.status();
        } catch (AdminException e) {
            status = e.status();
            body = error(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("admin API {} {} failed", route.method(), route.path(), e);
            status = 500;
            body = error("internal error: " + e.getMessage());
        }
        send(ctx, status, body, keepAlive);
    }

    private static AdminRequest parse(FullHttpRequest request) {
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        String raw = request.content().toString(StandardCharsets.UTF_8);
        Map<String, Object> body = Map.of();
        if (!raw.isBlank() && !contentType.startsWith("text/csv")) {
            try {
                body = Json.parseObject(raw);
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest(e.getMessage());
            }
        }
        return new AdminRequest(query, body, raw, contentType);
    }

    private boolean authorized(String header) {
        if (expectedAuth == null) return true;
        if (header == null) return false;
        return MessageDigest.isEqual(expectedAuth, header.strip().getBytes(StandardCharsets.UTF_8));
    }

    static String error(String message) { return Json.write(Map.of("error", message == null ? "error" : message)); }

    private static FullHttpResponse response(ChannelHandlerContext ctx, int status, String json) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                ByteBufUtil.writeUtf8(ctx.alloc(), json));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    private static void send(ChannelHandlerContext ctx, int status, String json, boolean keepAlive) {
        write(ctx, response(ctx, status, json), keepAlive);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        HttpUtil.setKeepAlive(r, keepAlive);
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    public AdminApiConfig config() { return config; }
}
