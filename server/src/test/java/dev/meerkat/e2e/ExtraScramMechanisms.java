package dev.meerkat.e2e;

import org.jivesoftware.smack.sasl.SASLAuthentication;
import org.jivesoftware.smack.sasl.SASLMechanism;
import org.jivesoftware.smack.sasl.core.ScramHmac;
import org.jivesoftware.smack.sasl.core.ScramMechanism;
import org.jivesoftware.smack.sasl.core.ScramPlusMechanism;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/**
 * Smack 4.5 ships SCRAM-SHA-1 and SCRAM-SHA-1-PLUS only; these give it SHA-256 and SHA-512 (plain
 * and -PLUS) on Smack's own SCRAM client, so every mechanism the server offers meets a real client.
 */
final class ExtraScramMechanisms {
    private ExtraScramMechanisms() {}

    private static volatile boolean registered;

    static synchronized void register() {
        if (registered) return;
        for (String h : new String[] {"SHA-256", "SHA-512"}) {
            SASLAuthentication.registerSASLMechanism(new Scram(h));
            SASLAuthentication.registerSASLMechanism(new ScramPlus(h));
        }
        registered = true;
    }

    private static ScramHmac hmac(String hashName) {
        String jca = "Hmac" + hashName.replace("-", "");
        return new ScramHmac() {
            @Override public String getHmacName() { return hashName; }

            @Override
            public byte[] hmac(byte[] key, byte[] data) throws InvalidKeyException {
                try {
                    Mac mac = Mac.getInstance(jca);
                    mac.init(new SecretKeySpec(key, jca));
                    return mac.doFinal(data);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static final class Scram extends ScramMechanism {
        private final String hash;

        Scram(String hash) {
            super(hmac(hash));
            this.hash = hash;
        }

        @Override public int getPriority() { return 90; }

        @Override protected SASLMechanism newInstance() { return new Scram(hash); }
    }

    static final class ScramPlus extends ScramPlusMechanism {
        private final String hash;

        ScramPlus(String hash) {
            super(hmac(hash));
            this.hash = hash;
        }

        @Override public int getPriority() { return 80; }

        @Override protected SASLMechanism newInstance() { return new ScramPlus(hash); }
    }
}
