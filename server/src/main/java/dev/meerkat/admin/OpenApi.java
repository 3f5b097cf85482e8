package dev.meerkat.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meerkat.admin.AdminService.ordered;

/** The OpenAPI 3.1 description of the admin API, built from its route table. */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> describe(List<AdminRoute> routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (AdminRoute r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
        }
        Map<String, Object> errorSchema = ordered("type", "object", "properties", ordered("error", ordered("type", "string")));
        return ordered(
                "openapi", "3.1.0",
                "info", ordered("title", "Meerkat admin API", "version", version,
                        "description", "Administration of a Meerkat XMPP node; meerkatctl is its command-line client."),
                "security", List.of(ordered("basic", List.of())),
                "paths", paths,
                "components", ordered(
                        "securitySchemes", ordered("basic", ordered("type", "http", "scheme", "basic")),
                        "schemas", ordered("Error", errorSchema)));
    }

    private static Map<String, Object> operation(AdminRoute r) {
        Map<String, Object> op = ordered("tags", List.of(r.tag()), "summary", r.summary(),
                "operationId", r.method().toLowerCase(java.util.Locale.ROOT) + r.path().replace("/api", "").replace("/", "_"));
        if (r.bodyParams()) {
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (AdminRoute.Param p : r.params()) {
                props.put(p.name(), p.type().equals("array")
                        ? ordered("type", "array", "items", ordered("type", "string"), "description", p.description())
                        : ordered("type", p.type(), "description", p.description()));
                if (p.required()) required.add(p.name());
            }
            op.put("requestBody", ordered("required", true, "content",
                    ordered("application/json", ordered("schema", ordered("type", "object", "properties", props, "required", required)))));
        } else if (!r.params().isEmpty()) {
            op.put("parameters", r.params().stream().map(p -> ordered("name", p.name(), "in", "query",
                    "required", p.required(), "description", p.description(),
                    "schema", ordered("type", p.type().equals("integer") ? "integer" : "string"))).toList());
        }
        Map<String, Object> error = ordered("description", "refused; the body says why",
                "content", ordered("application/json", ordered("schema", ordered("$ref", "#/components/schemas/Error"))));
        op.put("responses", ordered(
                String.valueOf(r.status()), ordered("description", "success", "content",
                        ordered("application/json", ordered("schema", ordered("type", "object")))),
                "400", error, "401", error, "404", error, "409", error));
        return op;
    }
}
