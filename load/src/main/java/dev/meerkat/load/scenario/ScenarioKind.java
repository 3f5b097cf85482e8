package dev.meerkat.load.scenario;

import java.util.Locale;
import java.util.function.Supplier;

/** The scenarios by command-line name. */
public enum ScenarioKind {
    LOGIN(LoginScenario::new),
    CHAT(ChatScenario::new),
    IDLE(IdleScenario::new),
    /** Rooms with N occupants each and groupchat messages fanned out to all of them. */
    MUC(MucScenario::new),
    /** Only creates the accounts (XEP-0077), as {@code --register} does before any other scenario. */
    REGISTER(() -> ctx -> Registration.run(ctx.connector()));

    private final Supplier<Scenario> factory;

    ScenarioKind(Supplier<Scenario> factory) { this.factory = factory; }

    public Scenario create() { return factory.get(); }

    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    public static ScenarioKind parse(String s) {
        for (ScenarioKind k : values()) if (k.cliName().equalsIgnoreCase(s.strip())) return k;
        throw new IllegalArgumentException("unknown scenario " + s + " (login, chat, idle, muc, register)");
    }
}
