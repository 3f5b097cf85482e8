package dev.meerkat.admin;

import java.util.List;
import java.util.function.Function;

/**
 * One operation of the admin API: a method and exact path, what it takes, and the blocking code
 * that answers it. The route table is also the source of the OpenAPI description, so the two
 * cannot drift apart. New areas (MUC, vCard, offline...) add their own routes.
 *
 * @param tag     the OpenAPI tag (accounts, sessions...) and meerkatctl category
 * @param status  the HTTP status of a success (200, or 201 for a creation)
 * @param handler returns the JSON value of the answer (a map or a list)
 */
public record AdminRoute(String method, String path, String tag, String summary, List<Param> params,
                         int status, Function<AdminRequest, Object> handler) {

    /** A parameter, in the query string (GET, DELETE) or as a member of the JSON body (POST, PUT, PATCH). */
    public record Param(String name, String type, boolean required, String description) {
        public static Param required(String name, String description) { return new Param(name, "string", true, description); }

        public static Param optional(String name, String description) { return new Param(name, "string", false, description); }

        public static Param strings(String name, String description) { return new Param(name, "array", false, description); }

        public static Param optionalInteger(String name, String description) { return new Param(name, "integer", false, description); }

        /** A JSON object member of the body. */
        public static Param object(String name, String description) { return new Param(name, "object", true, description); }
    }

    public boolean bodyParams() { return method.equals("POST") || method.equals("PUT") || method.equals("PATCH"); }
}
