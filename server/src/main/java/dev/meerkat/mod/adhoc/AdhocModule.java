package dev.meerkat.mod.adhoc;

import dev.meerkat.config.Options;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.DiscoNode;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * XEP-0050 Ad-Hoc Commands on the server's domain, with the XEP-0133 service administration
 * commands. Commands are listed under the disco node {@value CommandXml#NS}; only those the
 * requester may run are listed.
 *
 * <p>Options: {@code session_timeout} (seconds a multi-stage run may wait for its next step,
 * default 600), {@code max_sessions_per_user} (runs a full JID may have open at once, default 10).
 */
public final class AdhocModule implements XmppModule {
    public static final String NS = CommandXml.NS;

    private final ServerServices services;
    private final Duration sessionTimeout;
    private final int maxSessionsPerUser;
    private final CommandFactory commandFactory;
    private final Map<String, AdhocCommand> commands = new LinkedHashMap<>();
    private CommandSessions sessions;
    private String host;

    /** Makes the commands of a host once the module knows its context. */
    @FunctionalInterface
    public interface CommandFactory {
        List<AdhocCommand> create(ModuleContext ctx);
    }

    public AdhocModule(ServerServices services, Duration sessionTimeout, int maxSessionsPerUser, CommandFactory commandFactory) {
        this.services = services;
        this.sessionTimeout = sessionTimeout;
        this.maxSessionsPerUser = maxSessionsPerUser;
        this.commandFactory = commandFactory;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_adhoc"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            Duration timeout = Duration.ofSeconds(options.integer("session_timeout", 600, 1, 86_400));
            int max = options.integer("max_sessions_per_user", 10, 1, 1000);
            return new AdhocModule(services, timeout, max, ctx -> AdminCommands.all(ctx, new JdbcRosterStore(services.database())));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        host = ctx.host();
        sessions = new CommandSessions(services.clock(), sessionTimeout, maxSessionsPerUser);
        for (AdhocCommand c : commandFactory.create(ctx)) {
            if (commands.putIfAbsent(c.node(), c) != null) throw new IllegalStateException("two commands for node " + c.node());
        }
        ctx.serverFeature(NS);
        ctx.serverNode(NS, new DiscoNode() {
            @Override public List<Element> info(Jid requester) {
                return List.of(identity("automation", "command-list", "Commands"));
            }

            @Override public List<Element> items(Jid requester) { return commandItems(requester); }
        });
        for (AdhocCommand c : commands.values()) {
            ctx.serverNode(c.node(), new DiscoNode() {
                @Override public List<Element> info(Jid requester) {
                    if (!allowed(c, requester)) throw new StanzaException(StanzaError.FORBIDDEN, "only administrators may run this command");
                    return List.of(identity("automation", "command-node", c.name()), feature(NS), feature(Ns.DATA_FORMS));
                }

                @Override public List<Element> items(Jid requester) { return List.of(); }
            });
        }
        ctx.iq(IqTarget.SERVER, "command", NS, this::handle);
    }

    private List<Element> commandItems(Jid requester) {
        List<Element> items = new ArrayList<>();
        for (AdhocCommand c : commands.values()) {
            if (!allowed(c, requester)) continue;
            items.add(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", host).attr("node", c.node()).attr("name", c.name()).build());
        }
        return items;
    }

    private boolean allowed(AdhocCommand c, Jid requester) {
        return !c.adminOnly() || services.isAdmin(requester);
    }

    Iq handle(IqRequest r) {
        if (!r.isSet()) return r.error(StanzaError.BAD_REQUEST, "commands are run with type set");
        Element cmd = r.payload();
        String node = cmd.attr("node");
        AdhocCommand command = node == null ? null : commands.get(node);
        if (command == null) return r.error(StanzaError.ITEM_NOT_FOUND, "no such command");
        Jid requester = r.from();
        if (requester == null || !allowed(command, requester)) return r.error(StanzaError.FORBIDDEN, "only administrators may run this command");
        Optional<Action> action = Action.parse(cmd.attr("action"));
        if (action.isEmpty()) {
            // without the request's payload: clients that parse the echoed <command/> choke on the unknown action
            IqRequest bare = new IqRequest(new Iq(r.iq().element().withChildren(List.of()), r.iq().from(), r.iq().to()), r.target(), r.session());
            return CommandXml.error(bare, StanzaError.BAD_REQUEST, CommandXml.MALFORMED_ACTION, "unknown action");
        }
        String sessionId = cmd.attr("sessionid");
        if (sessionId == null) return start(r, command, requester, action.get());
        return switch (sessions.find(sessionId, node, requester)) {
            case CommandSessions.Lookup.Unknown u -> CommandXml.error(r, StanzaError.BAD_REQUEST, CommandXml.BAD_SESSIONID, "no such session");
            case CommandSessions.Lookup.Expired e -> CommandXml.error(r, StanzaError.NOT_ALLOWED, CommandXml.SESSION_EXPIRED, "the session has expired");
            case CommandSessions.Lookup.Found f -> step(r, command, f.session(), action.get());
        };
    }

    private Iq start(IqRequest r, AdhocCommand command, Jid requester, Action action) {
        if (action != Action.EXECUTE) return CommandXml.error(r, StanzaError.BAD_REQUEST, CommandXml.BAD_ACTION, "a new run starts with execute");
        CommandResponse response = command.execute(new CommandRequest(requester, List.of(), Action.EXECUTE));
        return switch (response) {
            case CommandResponse.Completed done -> r.result(CommandXml.completed(command.node(), null, done));
            case CommandResponse.Stage stage -> sessions.open(command.node(), requester, stage)
                    .map(s -> r.result(CommandXml.executing(command.node(), s.id(), stage, false)))
                    .orElseGet(() -> r.error(StanzaError.RESOURCE_CONSTRAINT, "too many commands running; complete or cancel some"));
        };
    }

    private Iq step(IqRequest r, AdhocCommand command, CommandSession session, Action requested) {
        String node = command.node();
        switch (requested) {
            case CANCEL -> {
                sessions.close(session.id());
                return r.result(CommandXml.canceled(node, session.id()));
            }
            case PREV -> {
                if (session.stage() == 0) return CommandXml.error(r, StanzaError.BAD_REQUEST, CommandXml.BAD_ACTION, "this is the first stage");
                CommandSession back = session.back(sessions.now());
                sessions.update(back);
                return r.result(CommandXml.executing(node, session.id(), back.current(), back.stage() > 0));
            }
            default -> { }
        }
        Action action = requested == Action.EXECUTE ? session.current().execute() : requested;
        if (!session.current().actions().contains(action)) {
            return CommandXml.error(r, StanzaError.BAD_REQUEST, CommandXml.BAD_ACTION, action.xml() + " is not offered at this stage");
        }
        Optional<Element> x = r.payload().child("x", Ns.DATA_FORMS);
        if (x.isEmpty() || !"submit".equals(x.get().attr("type"))) {
            return CommandXml.error(r, StanzaError.BAD_REQUEST, CommandXml.BAD_PAYLOAD, "submit the form of this stage");
        }
        DataForm answer = DataForm.parse(x.get());
        List<DataForm> answers = new ArrayList<>(session.answers());
        answers.add(answer);
        CommandResponse response = command.execute(new CommandRequest(session.owner(), answers, action));
        return switch (response) {
            case CommandResponse.Completed done -> {
                sessions.close(session.id());
                yield r.result(CommandXml.completed(node, session.id(), done));
            }
            case CommandResponse.Stage next -> {
                CommandSession advanced = session.advanced(answer, next, sessions.now());
                sessions.update(advanced);
                yield r.result(CommandXml.executing(node, session.id(), next, true));
            }
        };
    }

    private static Element identity(String category, String type, String name) {
        return Element.builder("identity", Ns.DISCO_INFO).attr("category", category).attr("type", type).attr("name", name).build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", Ns.DISCO_INFO).attr("var", var).build();
    }
}
