package dev.meerkat.auth.external;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running extauth script, spoken to with the ejabberd protocol: each request is a 2-byte
 * big-endian length and the UTF-8 command ({@code auth:User:Domain:Password} ...), each answer a
 * 2-byte length (always 2) and a 2-byte result, 1 for yes and 0 for no.
 *
 * <p>One request at a time (callers hold it exclusively). A script that died is started again on
 * the next request; one that does not answer in time is killed, since a late answer would be read
 * as the answer to the next question.
 */
final class ExtauthProcess implements AutoCloseable {
    /** What a request came to. */
    enum Answer { YES, NO, TIMEOUT }

    private final List<String> command;
    private final Duration timeout;
    private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
    private Process process;
    private DataOutputStream in;
    private DataInputStream out;

    ExtauthProcess(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /**
     * Sends one request. A script that is not running (never started, exited, crashed) is started
     * first; if writing to it fails because it just died, it is restarted and asked once more.
     *
     * @throws IOException if the script cannot be started or dies while answering
     */
    Answer request(String line) throws IOException {
        byte[] payload = line.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 0xFFFF) throw new IOException("request longer than 65535 bytes");
        try {
            return exchange(payload);
        } catch (IOException firstFailure) {
            // The script may have died since the last request; a fresh one gets one more try.
            stop();
            return exchange(payload);
        }
    }

    private Answer exchange(byte[] payload) throws IOException {
        ensureRunning();
        in.writeShort(payload.length);
        in.write(payload);
        in.flush();
        DataInputStream answers = out;
        Future<Integer> reply = reader.submit(() -> {
            int length = answers.readUnsignedShort();
            if (length != 2) throw new IOException("answer length " + length + ", expected 2");
            return answers.readUnsignedShort();
        });
        try {
            int result = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return result == 1 ? Answer.YES : Answer.NO;
        } catch (TimeoutException e) {
            reply.cancel(true);
            stop();
            return Answer.TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("interrupted while waiting for the extauth script", e);
        } catch (ExecutionException e) {
            stop();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void ensureRunning() throws IOException {
        if (process != null && process.isAlive()) return;
        stop();
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new DataOutputStream(process.getOutputStream());
        out = new DataInputStream(process.getInputStream());
    }

    /** Pid of the running script, or -1 (for tests and logs). */
    long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    private void stop() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it is being killed anyway
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        reader.shutdownNow();
    }
}
