package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.xml.Element;

/** One kind of pubsub request. Fails with a {@link dev.meerkat.mod.pubsub.PubSubError}. */
public interface Action {
    /** The payload of the result, or null for an empty result. */
    Element handle(PubSubService service, Request request);
}
