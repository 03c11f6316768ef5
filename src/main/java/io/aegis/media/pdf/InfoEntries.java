package io.aegis.media.pdf;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/** The document information dictionary as plain strings, keeping only the entries that are present. */
final class InfoEntries {

    // the entries land in the asset's metadata item, and a DynamoDB item is capped at 400 KB
    static final int MAX_VALUE_CHARS = 1_000;

    private InfoEntries() {
    }

    static Map<String, String> of(PDDocumentInformation info) {
        Map<String, String> entries = new LinkedHashMap<>();
        put(entries, "title", info.getTitle());
        put(entries, "author", info.getAuthor());
        put(entries, "subject", info.getSubject());
        put(entries, "keywords", info.getKeywords());
        put(entries, "creator", info.getCreator());
        put(entries, "producer", info.getProducer());
        put(entries, "creationDate", isoDate(info.getCreationDate()));
        put(entries, "modificationDate", isoDate(info.getModificationDate()));
        return entries;
    }

    private static void put(Map<String, String> entries, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String trimmed = value.strip();
        entries.put(key, trimmed.length() > MAX_VALUE_CHARS ? trimmed.substring(0, MAX_VALUE_CHARS) : trimmed);
    }

    /** ISO-8601 with the offset the PDF gave, e.g. 2024-03-01T10:15:30+01:00; null if the date cannot be shown. */
    static String isoDate(Calendar calendar) {
        if (calendar == null) {
            return null;
        }
        try {
            int offsetMillis = calendar.get(Calendar.ZONE_OFFSET) + calendar.get(Calendar.DST_OFFSET);
            return OffsetDateTime.ofInstant(Instant.ofEpochMilli(calendar.getTimeInMillis()),
                    ZoneOffset.ofTotalSeconds(offsetMillis / 1000)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            return null; // an offset beyond ±18 h: only a hostile file writes one
        }
    }
}
