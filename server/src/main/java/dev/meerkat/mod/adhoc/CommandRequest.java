package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;

import java.util.List;

/**
 * One step of a command run.
 *
 * @param requester the full JID running the command
 * @param answers   the forms submitted so far, one per stage answered (empty when the command
 *                  starts); the last one answers the stage just shown
 * @param action    {@link Action#NEXT} or {@link Action#COMPLETE} for a submitted stage,
 *                  {@link Action#EXECUTE} when the command starts
 */
public record CommandRequest(Jid requester, List<DataForm> answers, Action action) {
    public CommandRequest {
        answers = List.copyOf(answers);
    }

    /** The stage being answered: 0 when the command starts, then 1, 2, ... */
    public int stage() { return answers.size(); }

    /** The form answering the stage just shown. */
    public DataForm last() { return answers.getLast(); }
}
