package dev.meerkat.mod.privacy;

/**
 * The lists in force for one session, kept on the session and replaced as a whole whenever the
 * user's lists change, so a check never reads storage for a connected user.
 *
 * @param activeName  the session's active list, or null when it uses the default list
 * @param active      that list's current definition, or null
 * @param defaultList the user's default list, or null
 */
public record PrivacyState(String activeName, PrivacyList active, PrivacyList defaultList) {
    public static final PrivacyState NONE = new PrivacyState(null, null, null);

    /** Business rules 1 and 2: the active list if there is one, else the default list (no layering). */
    public PrivacyList effective() { return active != null ? active : defaultList; }

    public String defaultName() { return defaultList == null ? null : defaultList.name(); }

    /** True if stanzas for this session are checked against the list of that name. */
    public boolean uses(String name) {
        return activeName != null ? activeName.equals(name) : name.equals(defaultName());
    }
}
