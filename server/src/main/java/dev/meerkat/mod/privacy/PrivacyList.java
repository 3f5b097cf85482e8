package dev.meerkat.mod.privacy;

import java.util.Comparator;
import java.util.List;

/**
 * A named privacy list: its items in processing order (ascending 'order'). A stored list may be
 * empty (a blocklist whose last entry was removed); XEP-0016 clients can only create non-empty ones.
 */
public record PrivacyList(String name, List<PrivacyItem> items) {
    public PrivacyList {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a list needs a name");
        items = items.stream().sorted(Comparator.comparingLong(PrivacyItem::order)).toList();
    }

    public static PrivacyList empty(String name) { return new PrivacyList(name, List.of()); }
}
