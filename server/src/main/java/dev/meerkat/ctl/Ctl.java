package dev.meerkat.ctl;

import dev.meerkat.admin.Json;
import dev.meerkat.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code meerkatctl}: the administration command line, in the style of mongooseimctl
 * ({@code meerkatctl account registerUser --domain D --username U --password P}). It talks only to
 * the admin API. Exit codes: 0 done, 1 the server refused (its message is printed), 2 usage
 * error, 3 the server cannot be reached.
 */
public final class Ctl {
    public static final int OK = 0;
    public static final int SERVER_ERROR = 1;
    public static final int USAGE = 2;
    public static final int NO_CONNECTION = 3;
    static final String DEFAULT_URL = "http://127.0.0.1:5551";

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;

    public Ctl(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(new Ctl(System.getenv(), out, err).run(args));
    }

    /** Runs one command line and returns the exit code. */
    public int run(String... args) {
        CommandLine cl = new CommandLine(spec());
        cl.setOut(out);
        cl.setErr(err);
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("meerkatctl: " + e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        }
        List<ParseResult> chain = new ArrayList<>();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) chain.add(p);
        ParseResult last = chain.getLast();
        if (CommandLine.printHelpIfRequested(parsed)) return OK;
        CtlCommand command = (CtlCommand) last.commandSpec().userObject();
        if (command == null) {
            // a category (or nothing) without a command
            if (chain.size() == 1) err.println("meerkatctl: give a category and a command");
            else err.println("meerkatctl: give a command of " + last.commandSpec().name());
            last.commandSpec().commandLine().usage(err);
            return USAGE;
        }
        Global g = global(chain);
        try {
            return execute(command, last, g);
        } catch (UsageException e) {
            err.println("meerkatctl: " + e.getMessage());
            return USAGE;
        }
    }

    private record Global(String url, String user, String password, boolean json) {}

    private Global global(List<ParseResult> chain) {
        String url = null;
        String user = null;
        String password = null;
        boolean json = false;
        for (ParseResult p : chain) {
            url = p.matchedOptionValue("--url", url);
            user = p.matchedOptionValue("--admin-user", user);
            password = p.matchedOptionValue("--admin-password", password);
            json |= p.hasMatchedOption("--json");
        }
        if (url == null) url = env.getOrDefault("MEERKAT_ADMIN_URL", DEFAULT_URL);
        if (user == null) user = env.get("MEERKAT_ADMIN_USER");
        if (password == null) password = env.get("MEERKAT_ADMIN_PASSWORD");
        return new Global(url.replaceAll("/+$", ""), user, password, json);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private int execute(CtlCommand c, ParseResult p, Global g) {
        Map<String, Object> params = new LinkedHashMap<>();
        String rawBody = null;
        for (CtlCommand.Opt o : c.options()) {
            if (o.kind() == CtlCommand.Kind.FIELDS) {
                String[] pairs = p.matchedOptionValue(o.names().getFirst(), new String[0]);
                if (pairs.length > 0) params.put(o.apiName(), fields(o.names().getFirst(), pairs));
                continue;
            }
            String v = p.matchedOptionValue(o.names().getFirst(), null);
            if (v == null) continue;
            switch (o.kind()) {
                case STRING -> params.put(o.apiName(), v);
                case LIST -> params.put(o.apiName(), List.of(v.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
                case FIELDS -> throw new IllegalStateException("handled above");
                case FILE -> {
                    try {
                        rawBody = Files.readString(Path.of(v), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UsageException("cannot read " + v + ": " + e.getMessage());
                    }
                }
            }
        }
        URI uri;
        HttpRequest.Builder b;
        try {
            boolean inQuery = c.method().equals("GET") || c.method().equals("DELETE");
            uri = URI.create(g.url() + c.path() + (inQuery ? query(params) : ""));
            b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
            if (rawBody != null) {
                b.header("Content-Type", "text/csv; charset=utf-8").method(c.method(), HttpRequest.BodyPublishers.ofString(rawBody));
            } else if (!inQuery) {
                b.header("Content-Type", "application/json").method(c.method(), HttpRequest.BodyPublishers.ofString(Json.write(params)));
            } else {
                b.method(c.method(), HttpRequest.BodyPublishers.noBody());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid URL " + g.url() + ": " + e.getMessage());
        }
        if (g.user() != null) {
            String pair = g.user() + ":" + (g.password() == null ? "" : g.password());
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("meerkatctl: cannot connect to " + g.url() + " (is the server running with [admin_api] enabled?)");
            return NO_CONNECTION;
        } catch (IOException e) {
            err.println("meerkatctl: cannot talk to " + g.url() + ": " + e);
            return NO_CONNECTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_CONNECTION;
        }
        return report(c, response, g.json());
    }

    private int report(CtlCommand c, HttpResponse<String> response, boolean json) {
        Object body;
        try {
            body = response.body().isBlank() ? Map.of() : Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            body = Map.of("error", response.body().strip());
        }
        if (response.statusCode() >= 400) {
            String message = body instanceof Map<?, ?> m && m.get("error") != null ? String.valueOf(m.get("error")) : response.body();
            if (json) out.println(response.body().strip());
            err.println("meerkatctl: " + message + " (HTTP " + response.statusCode() + ")");
            return SERVER_ERROR;
        }
        if (json) {
            out.println(response.body().strip());
        } else {
            Output.render(c, body, out);
        }
        out.flush();
        return OK;
    }

    /** {@code name=value} pairs as a JSON object; a later pair for the same name wins. */
    private static Map<String, Object> fields(String option, String[] pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new UsageException(option + " takes name=value, not " + pair);
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
        return out;
    }

    private static String query(Map<String, Object> params) {
        if (params.isEmpty()) return "";
        StringBuilder b = new StringBuilder("?");
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (b.length() > 1) b.append('&');
            b.append(enc(e.getKey())).append('=').append(enc(String.valueOf(e.getValue())));
        }
        return b.toString();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    // ---- the picocli model, built from the command table ----

    private static CommandSpec spec() {
        CommandSpec root = CommandSpec.create().name("meerkatctl").mixinStandardHelpOptions(true)
                .version("meerkatctl " + Version.get());
        root.usageMessage().description("Administer a running Meerkat node through its admin API.",
                "Exit codes: 0 ok, 1 error from the server, 2 usage, 3 cannot connect.");
        addGlobals(root);
        Map<String, CommandSpec> categories = new LinkedHashMap<>();
        for (CtlCommand c : CtlCommand.ALL) {
            CommandSpec cat = categories.computeIfAbsent(c.category(), name -> {
                CommandSpec s = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
                s.usageMessage().description(name + " commands");
                addGlobals(s);
                root.addSubcommand(name, s);
                return s;
            });
            CommandSpec cmd = CommandSpec.wrapWithoutInspection(c).name(c.name()).mixinStandardHelpOptions(true);
            cmd.usageMessage().description(c.description());
            for (CtlCommand.Opt o : c.options()) {
                boolean fields = o.kind() == CtlCommand.Kind.FIELDS;
                OptionSpec.Builder option = OptionSpec.builder(o.names().toArray(String[]::new))
                        .type(fields ? String[].class : String.class).required(o.required())
                        .paramLabel(switch (o.kind()) {
                            case FILE -> "FILE";
                            case FIELDS -> "NAME=VALUE";
                            default -> o.apiName().toUpperCase(java.util.Locale.ROOT);
                        })
                        .description(o.description());
                // one name=value per occurrence: the option repeats
                if (fields) option.arity("1");
                cmd.addOption(option.build());
            }
            addGlobals(cmd);
            cat.addSubcommand(c.name(), cmd);
        }
        return root;
    }

    private static void addGlobals(CommandSpec s) {
        s.addOption(OptionSpec.builder("--url").type(String.class).paramLabel("URL")
                .description("admin API URL (env MEERKAT_ADMIN_URL, default " + DEFAULT_URL + ")").build());
        s.addOption(OptionSpec.builder("--admin-user").type(String.class).paramLabel("NAME")
                .description("admin API user (env MEERKAT_ADMIN_USER)").build());
        s.addOption(OptionSpec.builder("--admin-password").type(String.class).paramLabel("PASSWORD")
                .description("admin API password (env MEERKAT_ADMIN_PASSWORD)").build());
        s.addOption(OptionSpec.builder("--json").type(boolean.class).arity("0").description("print the server's JSON answer").build());
    }
}
