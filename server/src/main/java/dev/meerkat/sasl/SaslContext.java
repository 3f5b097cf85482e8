package dev.meerkat.sasl;

/**
 * What a mechanism knows about the stream it authenticates.
 *
 * @param domain         the domain the stream is for (the user's domainpart)
 * @param credentials    the account source
 * @param channelBinding the TLS channel's binding data ({@link ChannelBinding#NONE} without TLS)
 * @param plusAdvertised whether the server offered any -PLUS mechanism on this stream (for SCRAM's
 *                       downgrade check: a client flag "y" then means an attack)
 */
public record SaslContext(String domain, CredentialSource credentials, ChannelBinding channelBinding,
                          boolean plusAdvertised) {}
