package dev.meerkat.session;

/** A typed key for module state kept on a session (carbons enabled, CSI state, ...). */
public record SessionKey<T>(String name, Class<T> type) {
    public static <T> SessionKey<T> of(String name, Class<T> type) {
        return new SessionKey<>(name, type);
    }
}
