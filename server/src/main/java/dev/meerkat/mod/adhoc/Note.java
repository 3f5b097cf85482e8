package dev.meerkat.mod.adhoc;

/** A {@code <note/>} of a command response (XEP-0050 §3.5): type info, warn or error. */
public record Note(String type, String text) {
    public static Note info(String text) { return new Note("info", text); }

    public static Note warn(String text) { return new Note("warn", text); }
}
