package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A command run waiting for the requester's next step: the stages shown so far and the forms
 * submitted for all but the last of them.
 */
record CommandSession(String id, String node, Jid owner, List<CommandResponse.Stage> shown, List<DataForm> answers, Instant touched) {
    CommandSession {
        shown = List.copyOf(shown);
        answers = List.copyOf(answers);
    }

    CommandResponse.Stage current() { return shown.getLast(); }

    /** The stage index now shown (0 = first). */
    int stage() { return shown.size() - 1; }

    /** The session after the requester answered the current stage and the command showed another. */
    CommandSession advanced(DataForm answer, CommandResponse.Stage next, Instant now) {
        List<DataForm> a = new ArrayList<>(answers);
        a.add(answer);
        List<CommandResponse.Stage> s = new ArrayList<>(shown);
        s.add(next);
        return new CommandSession(id, node, owner, s, a, now);
    }

    /** The session one stage back (the answer given there is dropped; the form is shown again). */
    CommandSession back(Instant now) {
        return new CommandSession(id, node, owner, shown.subList(0, shown.size() - 1), answers.subList(0, answers.size() - 1), now);
    }
}
