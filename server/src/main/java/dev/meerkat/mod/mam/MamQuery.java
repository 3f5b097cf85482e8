package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed archive query (XEP-0313 §4): the data form filters and the XEP-0059 paging request.
 *
 * @param queryId     the client's queryid, echoed in every result, or null
 * @param whole     the form's filters (with, start/end and after-id/before-id as id bounds, ids, full
 *                  text): the whole result set that RSM's count and index refer to
 * @param rsmAfter  RSM {@code <after/>}: the page starts after this id (exclusive); null for none
 * @param rsmBefore RSM {@code <before/>} with an id: the page ends before it (exclusive); null for none
 * @param fromEnd   RSM {@code <before/>} was given (empty or not): the page is the last one before the bound
 * @param max       page size, already clamped to the server's limit
 * @param flip      {@code <flip-page/>}: the page is sent newest first
 * @param mustExist ids named as bounds (after-id, before-id, RSM after/before) or in the form's
 *                  {@code ids}: each must be in the archive (item-not-found otherwise)
 */
public record MamQuery(String queryId, ArchiveStore.Filter whole, Long rsmAfter, Long rsmBefore, boolean fromEnd, int max,
                       boolean flip, List<Long> mustExist) {

    /** The request does not follow XEP-0313: answer bad-request with the message. */
    public static final class BadQuery extends Exception {
        public BadQuery(String message) { super(message); }
    }

    /** An id the request names cannot be in the archive: answer item-not-found. */
    public static final class UnknownId extends Exception {
        public UnknownId(String message) { super(message); }
    }

    /**
     * Reads a {@code <query xmlns='urn:xmpp:mam:2'/>}.
     *
     * @param defaultMax page size when the request gives none
     * @param maxLimit   the server's largest page; a larger {@code <max/>} is clamped to it
     */
    public static MamQuery parse(Element query, int defaultMax, int maxLimit) throws BadQuery, UnknownId {
        Jid with = null;
        long minId = Long.MIN_VALUE;
        long maxId = Long.MAX_VALUE;
        List<Long> ids = new ArrayList<>();
        String fulltext = null;
        List<Long> mustExist = new ArrayList<>();
        Long afterId = null;
        Long beforeId = null;
        Long rsmAfter = null;
        Long rsmBefore = null;

        Optional<Element> form = query.child("x", MamNs.DATA);
        if (form.isPresent()) {
            String type = form.get().attr("type");
            if (type != null && !type.equals("submit")) throw new BadQuery("the data form must be of type 'submit'");
            for (Element field : form.get().children("field", MamNs.DATA)) {
                String var = field.attr("var");
                List<String> values = field.children("value", MamNs.DATA).stream().map(Element::text).toList();
                String value = values.isEmpty() ? "" : values.get(0).trim();
                if (var == null) throw new BadQuery("a form field without 'var'");
                switch (var) {
                    case "FORM_TYPE" -> {
                        if (!value.equals(MamNs.MAM)) throw new BadQuery("FORM_TYPE must be " + MamNs.MAM);
                    }
                    case "with" -> {
                        if (value.isEmpty()) break;
                        with = Jid.parseOrNull(value);
                        if (with == null) throw new BadQuery("'with' is not a valid JID");
                    }
                    case "start" -> {
                        if (!value.isEmpty()) minId = Math.max(minId, ArchiveIds.lowestAt(instant("start", value)));
                    }
                    case "end" -> {
                        if (!value.isEmpty()) maxId = Math.min(maxId, ArchiveIds.highestAt(instant("end", value)));
                    }
                    case "after-id" -> {
                        if (!value.isEmpty()) {
                            long id = id(value);
                            mustExist.add(id);
                            afterId = afterId == null ? id : Math.max(afterId, id);
                        }
                    }
                    case "before-id" -> {
                        if (!value.isEmpty()) {
                            long id = id(value);
                            mustExist.add(id);
                            beforeId = beforeId == null ? id : Math.min(beforeId, id);
                        }
                    }
                    case "ids" -> {
                        for (String v : values) if (!v.isBlank()) ids.add(id(v.trim()));
                        mustExist.addAll(ids);
                    }
                    case "{" + MamNs.FULLTEXT + "}fulltext", "fulltext" -> {
                        if (!value.isEmpty()) fulltext = value;
                    }
                    default -> throw new BadQuery("unknown form field '" + var + "'");
                }
            }
        }
        long setMin = afterId == null ? minId : Math.max(minId, afterId + 1);
        long setMax = beforeId == null ? maxId : Math.min(maxId, beforeId - 1);
        ArchiveStore.Filter whole = new ArchiveStore.Filter(with, setMin, setMax, ids, fulltext);

        int max = defaultMax;
        boolean fromEnd = false;
        boolean flip = query.child("flip-page", query.namespace()).isPresent();
        Optional<Element> set = query.child("set", MamNs.RSM);
        if (set.isPresent()) {
            Element rsm = set.get();
            Optional<String> maxText = rsm.childText("max", MamNs.RSM);
            if (maxText.isPresent()) {
                try {
                    max = Integer.parseInt(maxText.get().trim());
                } catch (NumberFormatException e) {
                    throw new BadQuery("<max/> is not a number");
                }
                if (max < 0) throw new BadQuery("<max/> is negative");
            }
            if (rsm.child("index", MamNs.RSM).isPresent()) throw new BadQuery("<index/> paging is not supported; use <after/> or <before/>");
            Optional<String> after = rsm.childText("after", MamNs.RSM);
            if (after.isPresent()) {
                long id = unknownIfMalformed(after.get().trim());
                mustExist.add(id);
                rsmAfter = id;
            }
            Optional<String> before = rsm.childText("before", MamNs.RSM);
            if (before.isPresent()) {
                fromEnd = true;
                if (!before.get().isBlank()) {
                    long id = unknownIfMalformed(before.get().trim());
                    mustExist.add(id);
                    rsmBefore = id;
                }
            }
        }
        max = Math.min(max, maxLimit);
        return new MamQuery(query.attr("queryid"), whole, rsmAfter, rsmBefore, fromEnd, max, flip, List.copyOf(mustExist));
    }

    /** The whole result set narrowed to the RSM bounds: where the page is taken from. */
    public ArchiveStore.Filter pageFilter() {
        long min = rsmAfter == null ? whole.minId() : Math.max(whole.minId(), rsmAfter + 1);
        long max = rsmBefore == null ? whole.maxId() : Math.min(whole.maxId(), rsmBefore - 1);
        return whole.withBounds(min, max);
    }

    private static Instant instant(String field, String value) throws BadQuery {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadQuery("'" + field + "' is not an XEP-0082 date and time");
        }
    }

    /** Form ids that are not ours cannot be in the archive. */
    private static long id(String value) throws UnknownId {
        return unknownIfMalformed(value);
    }

    private static long unknownIfMalformed(String value) throws UnknownId {
        try {
            return ArchiveIds.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UnknownId("no message with id '" + value + "' in this archive");
        }
    }
}
