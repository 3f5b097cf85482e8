package dev.meerkat.config;

import java.util.List;

/** {@code [acl]}: {@code admin = [{user = "alice", server = "localhost"}, ...]}, as bare JIDs. */
public record AclConfig(List<String> admins) {}
