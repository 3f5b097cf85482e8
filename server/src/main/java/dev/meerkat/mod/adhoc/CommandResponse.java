package dev.meerkat.mod.adhoc;

import java.util.List;
import java.util.Set;

/** What a command answers to one stage: another form to fill, or the end. */
public sealed interface CommandResponse {
    /**
     * The command goes on: the requester fills {@code form} and answers with one of
     * {@code actions}; {@code execute} is the action a plain "execute" stands for. Whether "prev"
     * is offered is the framework's business (any stage but the first).
     */
    record Stage(DataForm form, Set<Action> actions, Action execute, List<Note> notes) implements CommandResponse {
        public Stage {
            actions = Set.copyOf(actions);
            notes = List.copyOf(notes);
            if (!actions.contains(execute)) throw new IllegalArgumentException("default action " + execute + " is not offered");
            if (!actions.stream().allMatch(a -> a == Action.NEXT || a == Action.COMPLETE))
                throw new IllegalArgumentException("a stage offers only next and complete: " + actions);
        }
    }

    /** The command is done; {@code form} (a result form) may be null. */
    record Completed(DataForm form, List<Note> notes) implements CommandResponse {
        public Completed {
            notes = List.copyOf(notes);
        }
    }

    /** The last stage: a form whose submission completes the command. */
    static Stage lastForm(DataForm form) {
        return new Stage(form, Set.of(Action.COMPLETE), Action.COMPLETE, List.of());
    }

    /** A stage followed by more: "next" by default, "complete" only if the command can finish here. */
    static Stage nextForm(DataForm form, boolean mayCompleteHere) {
        return new Stage(form, mayCompleteHere ? Set.of(Action.NEXT, Action.COMPLETE) : Set.of(Action.NEXT), Action.NEXT, List.of());
    }

    static Completed done(Note note) { return new Completed(null, List.of(note)); }

    static Completed done(DataForm result) { return new Completed(result, List.of()); }
}
