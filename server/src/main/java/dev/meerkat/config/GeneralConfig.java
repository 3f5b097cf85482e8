package dev.meerkat.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code [general]}.
 *
 * @param hosts           served domains, normalised (lower case), at least one; default {@code ["localhost"]}
 * @param dataDir         {@code data_dir}, relative paths resolved against the working directory; default {@code var}
 * @param nodeName        {@code node_name}, this node's name in a cluster; default {@code "meerkat@" + hostname}
 * @param maxUserSessions {@code max_user_sessions}: concurrent sessions of one account, default 10 (1..10000)
 * @param logLevel        {@code loglevel}: error, warning, info, debug; default info
 */
public record GeneralConfig(List<String> hosts, Path dataDir, String nodeName, int maxUserSessions, String logLevel) {}
