package dev.meerkat.e2e;

import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.CallbackHandler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Smack 4.5's own SCRAM client hard-codes SHA-1 for H(), so it can only do SCRAM-SHA-1, and its
 * -PLUS variant fails on any certificate. This is a small RFC 5802 client for Smack for SHA-256 and
 * SHA-512 (plain and -PLUS) and SHA-1-PLUS, with tls-server-end-point binding, so every mechanism
 * the server offers is exercised by a real connection.
 */
final class ExtraScramMechanisms {
    private ExtraScramMechanisms() {}

    private static boolean registered;

    static synchronized void register() {
        if (registered) return;
        // Smack's own SCRAM-SHA-1-PLUS takes the digest from the wrong half of the certificate's
        // signature algorithm name ("SHA256withRSA" -> "RSA") and fails; ours replaces it.
        SASLAuthentication.unregisterSASLMechanism("org.jivesoftware.smack.sasl.core.ScramSha1PlusMechanism");
        SASLAuthentication.unBlacklistSASLMechanism("SCRAM-SHA-1-PLUS");
        SASLAuthentication.registerSASLMechanism(new Scram("SHA-1", true));
        for (String h : new String[] {"SHA-256", "SHA-512"}) {
            SASLAuthentication.registerSASLMechanism(new Scram(h, false));
            SASLAuthentication.registerSASLMechanism(new Scram(h, true));
        }
        registered = true;
    }

    static final class Scram extends SASLMechanism {
        private final String hash;
        private final boolean plus;
        private String gs2;
        private String clientFirstBare;
        private String nonce;
        private byte[] expectedServerSignature;
        private boolean verified;

        Scram(String hash, boolean plus) {
            this.hash = hash;
            this.plus = plus;
        }

        @Override public String getName() { return "SCRAM-" + hash + (plus ? "-PLUS" : ""); }

        @Override public int getPriority() { return plus ? 80 : 90; }

        @Override protected SASLMechanism newInstance() { return new Scram(hash, plus); }

        @Override
        protected void authenticateInternal(CallbackHandler cbh) throws SmackSaslException {
            throw new SmackSaslException("callback handlers are not supported by this test mechanism");
        }

        @Override
        protected byte[] getAuthenticationText() {
            byte[] n = new byte[18];
            new SecureRandom().nextBytes(n);
            nonce = Base64.getEncoder().encodeToString(n);
            gs2 = plus ? "p=tls-server-end-point,," : "n,,";
            clientFirstBare = "n=" + authenticationId.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
            return (gs2 + clientFirstBare).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
            String msg = new String(challenge, StandardCharsets.UTF_8);
            Map<Character, String> attrs = new HashMap<>();
            for (String part : msg.split(",")) if (part.length() > 1) attrs.put(part.charAt(0), part.substring(2));
            try {
                if (expectedServerSignature == null) return clientFinal(msg, attrs);
                verified = MessageDigest.isEqual(Base64.getDecoder().decode(attrs.getOrDefault('v', "")), expectedServerSignature);
                if (!verified) throw new SmackSaslException("server signature mismatch");
                return null;
            } catch (GeneralSecurityException | javax.net.ssl.SSLPeerUnverifiedException e) {
                throw new SmackSaslException(e);
            }
        }

        private byte[] clientFinal(String serverFirst, Map<Character, String> a) throws GeneralSecurityException, SmackSaslException, javax.net.ssl.SSLPeerUnverifiedException {
            String r = a.get('r');
            if (r == null || !r.startsWith(nonce)) throw new SmackSaslException("bad server nonce");
            byte[] salt = Base64.getDecoder().decode(a.get('s'));
            int iterations = Integer.parseInt(a.get('i'));
            byte[] cbind = gs2.getBytes(StandardCharsets.UTF_8);
            if (plus) {
                byte[] cert = sslSession.getPeerCertificates()[0].getEncoded();
                byte[] end = MessageDigest.getInstance("SHA-256").digest(cert);
                byte[] both = new byte[cbind.length + end.length];
                System.arraycopy(cbind, 0, both, 0, cbind.length);
                System.arraycopy(end, 0, both, cbind.length, end.length);
                cbind = both;
            }
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + r;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(hash).digest(clientKey);
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = clientKey.clone();
            for (int i = 0; i < proof.length; i++) proof[i] ^= signature[i];
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        }

        private String macName() { return "Hmac" + hash.replace("-", ""); }

        private byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
            return hmac(key, data.getBytes(StandardCharsets.UTF_8));
        }

        private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance(macName());
            mac.init(new SecretKeySpec(key, macName()));
            return mac.doFinal(data);
        }

        private byte[] hi(byte[] pw, byte[] salt, int iterations) throws GeneralSecurityException {
            byte[] first = new byte[salt.length + 4];
            System.arraycopy(salt, 0, first, 0, salt.length);
            first[first.length - 1] = 1;
            byte[] u = hmac(pw, first), result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = hmac(pw, u);
                for (int j = 0; j < result.length; j++) result[j] ^= u[j];
            }
            return result;
        }

        @Override
        protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
            if (!verified) throw new SmackSaslException("the server's final message was not verified");
        }
    }
}
