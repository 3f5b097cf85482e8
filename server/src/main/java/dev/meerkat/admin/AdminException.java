package dev.meerkat.admin;

/** A request the admin API refuses; {@code status} is the HTTP status to answer with. */
public final class AdminException extends RuntimeException {
    private final int status;

    public AdminException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() { return status; }

    static AdminException badRequest(String message) { return new AdminException(400, message); }

    static AdminException notFound(String message) { return new AdminException(404, message); }

    static AdminException conflict(String message) { return new AdminException(409, message); }
}
