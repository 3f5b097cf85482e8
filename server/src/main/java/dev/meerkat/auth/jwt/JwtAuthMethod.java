package dev.meerkat.auth.jwt;

import dev.meerkat.auth.AuthMethod;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.jid.Jid;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code jwt} method (as MongooseIM's): the password is a JSON Web Token (RFC 7519) signed with
 * HMAC and the shared secret; it is accepted when the signature is right, the header names the
 * configured algorithm, {@code exp}/{@code nbf} (if present) allow now, and the claim
 * {@code username_key} is the user name (the localpart, or the bare JID).
 *
 * <p>There is no user list: {@link #userExists} is false, so messages to a JWT user who is offline
 * are bounced like those to an unknown account.
 */
public final class JwtAuthMethod implements AuthMethod {
    private final AuthMethodsConfig.Jwt config;
    private final Clock clock;

    public JwtAuthMethod(AuthMethodsConfig.Jwt config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() { return "jwt"; }

    @Override
    public boolean checkPassword(Jid bare, String token) {
        return claims(token).map(c -> accepts(c, bare)).orElse(false);
    }

    private boolean accepts(Map<String, Object> claims, Jid bare) {
        long now = clock.instant().getEpochSecond();
        if (claims.get("exp") instanceof Number exp && now >= exp.longValue()) return false;
        if (claims.get("nbf") instanceof Number nbf && now < nbf.longValue()) return false;
        if (!(claims.get(config.usernameKey()) instanceof String name)) return false;
        return name.equals(bare.local()) || name.equals(bare.toString());
    }

    /** The payload of a well-formed token with a valid signature. */
    Optional<Map<String, Object>> claims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) return Optional.empty();
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            Map<String, Object> header = JsonObject.parse(new String(b64.decode(parts[0]), StandardCharsets.UTF_8));
            // The header must name our algorithm: never let a token choose "none" or another key type.
            if (!config.algorithm().equals(header.get("alg"))) return Optional.empty();
            byte[] signature = b64.decode(parts[2]);
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(signature, expected)) return Optional.empty();
            return Optional.of(JsonObject.parse(new String(b64.decode(parts[1]), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String signingInput) {
        String algorithm = "Hmac" + switch (config.algorithm()) {
            case "HS384" -> "SHA384";
            case "HS512" -> "SHA512";
            default -> "SHA256";
        };
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(config.secret(), algorithm));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    @Override
    public boolean userExists(Jid bare) { return false; }
}
