package dev.meerkat.hooks;

/** Handler order: lower runs first. Use the named constants; values between them are allowed. */
public final class Priority {
    private Priority() {}

    public static final int FIRST = 0;
    public static final int EARLY = 25;
    public static final int DEFAULT = 50;
    public static final int LATE = 75;
    public static final int LAST = 100;
}
