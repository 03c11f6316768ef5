package io.aegis.ai.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The lexical half of the shared passage store: PostgreSQL full-text search on the same rows as the vectors
 * ({@link PgVectorEmbeddingStore}). A generated {@code words} column holds each passage's text as a {@code tsvector}
 * (the {@code english} configuration: lower case, no stop words, Snowball stems, as Lucene's English analysis does in the
 * in-process store), with a GIN index; hyphens and slashes separate words on both sides, so "INV-2024-0042" is the
 * words inv, 2024 and 0042 as Lucene reads it. A query matches a passage holding any of its words, ranked by
 * {@code ts_rank_cd} (how many of the words, how close together, normalised for the passage's length), doubled when the
 * passage holds the query as a phrase. The rank uses no corpus statistics, so no tenant's words shape another's ranking,
 * and every lookup is filtered on the tenant.
 */
final class PgLexicalIndex implements LexicalIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The text as full-text search splits it: hyphens and slashes are spaces (PostgreSQL reads "-2024" as a number). */
    private static final String FOLD = "translate(%s, '-/', '  ')";
    private static final String COLUMN = "words";
    /** ts_rank_cd normalisation 1: the rank divided by 1 + the logarithm of the passage's length. */
    private static final int LENGTH_NORMALISATION = 1;
    private static final int PHRASE_BOOST = 2;

    private final DataSource data;
    private final String table;

    PgLexicalIndex(DataSource data, String table) {
        this.data = data;
        this.table = table;
        // Processes starting together may race to add the column or the index; the loser's second try finds them there.
        try {
            prepare();
        } catch (IllegalStateException raced) {
            prepare();
        }
    }

    /** Adds the words column (computed for rows already there: passages indexed before it existed) and its index. */
    private void prepare() {
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + COLUMN
                    + " tsvector GENERATED ALWAYS AS (to_tsvector('english', " + FOLD.formatted("coalesce(text, '')")
                    + ")) STORED");
            statement.execute("CREATE INDEX IF NOT EXISTS " + table + "_" + COLUMN + " ON " + table + " USING gin ("
                    + COLUMN + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare full-text search on " + table, e);
        }
    }

    @Override
    public List<PassageHit> search(String tenant, String query, int max) {
        // plainto_tsquery ANDs the query's words; a passage that holds some of them is a candidate too (as Lucene's
        // SHOULD clauses): the ANDs become ORs. Lexemes are quoted in a tsquery's text, so only operators are replaced.
        String sql = "SELECT id, text, metadata::text, ts_rank_cd(" + COLUMN + ", q.terms, " + LENGTH_NORMALISATION + ")"
                + " * CASE WHEN " + COLUMN + " @@ q.phrase THEN " + PHRASE_BOOST + " ELSE 1 END AS rank"
                + " FROM " + table + ", (SELECT replace(plainto_tsquery('english', " + FOLD.formatted("?") + ")::text,"
                + " ' & ', ' | ')::tsquery AS terms, phraseto_tsquery('english', " + FOLD.formatted("?") + ") AS phrase) q"
                + " WHERE metadata->>'" + SegmentMetadata.TENANT + "' = ? AND " + COLUMN + " @@ q.terms"
                + " ORDER BY rank DESC, id LIMIT ?";
        List<PassageHit> hits = new ArrayList<>();
        try (Connection connection = data.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, query);
            statement.setString(2, query);
            statement.setString(3, tenant);
            statement.setInt(4, max);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> metadata = JSON.readValue(rows.getString(3), new TypeReference<>() { });
                    TextSegment segment = TextSegment.from(rows.getString(2), Metadata.from(metadata));
                    hits.add(new PassageHit(PassageSegments.passage(rows.getString(1), segment), rows.getDouble(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("full-text search in " + table + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }
}
