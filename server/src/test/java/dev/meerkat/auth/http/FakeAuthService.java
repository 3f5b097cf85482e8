package dev.meerkat.auth.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny MongooseIM-style HTTP auth service on loopback for tests: accounts in a map, HTTP Basic
 * credentials required, and a switch that makes every answer a 500.
 */
public final class FakeAuthService implements AutoCloseable {
    public static final String BASIC_USER = "meerkat";
    public static final String BASIC_PASSWORD = "s3cr:et";

    /** user@server -> password */
    public final Map<String, String> accounts = new ConcurrentHashMap<>();
    /** "METHOD /operation user@server" of every request that passed Basic auth, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int forcedStatus;
    private final HttpServer server;

    public FakeAuthService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL for {@code [auth.http] url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth";
    }

    /** Every following request is answered with this status (0: behave normally). */
    public void failWith(int status) {
        forcedStatus = status;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (BASIC_USER + ":" + BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!path.startsWith("/auth/")) {
                reply(ex, 400, "");
                return;
            }
            String op = path.substring("/auth/".length());
            String method = ex.getRequestMethod();
            String raw = method.equals("GET") ? ex.getRequestURI().getRawQuery()
                    : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = parse(raw);
            String key = form.get("user") + "@" + form.get("server");
            requests.add(method + " /" + op + " " + key);
            if (forcedStatus != 0) {
                reply(ex, forcedStatus, "");
                return;
            }
            String pass = form.get("pass");
            String known = accounts.get(key);
            switch (method + " " + op) {
                case "GET check_password" -> reply(ex, known == null ? 404 : 200, known == null ? "" : String.valueOf(known.equals(pass)));
                case "GET user_exists" -> reply(ex, 200, String.valueOf(known != null));
                case "GET get_password" -> reply(ex, known == null ? 404 : 200, known == null ? "" : known);
                case "POST set_password" -> {
                    if (known == null) reply(ex, 404, "");
                    else {
                        accounts.put(key, pass);
                        reply(ex, 204, "");
                    }
                }
                case "POST remove_user" -> reply(ex, accounts.remove(key) == null ? 404 : 204, "");
                case "POST register" -> reply(ex, accounts.putIfAbsent(key, pass) == null ? 201 : 409, "");
                default -> reply(ex, 400, "");
            }
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> form = new HashMap<>();
        if (raw == null || raw.isEmpty()) return form;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 204) ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
