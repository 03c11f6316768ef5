package io.aegis.ai.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.logical.And;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The vector store every process shares: PostgreSQL with pgvector (Aurora/RDS on AWS), over plain JDBC. One row per
 * passage: its text, its metadata (JSON; tenant, assetId, jobId and source are what search and re-embedding filter on;
 * page, start and end where it came from) and its embedding; search is an exact cosine-distance scan within the filter
 * (the tenant), best first. The table and the extension are created at start if missing. Filters: equality on
 * metadata keys, and AND of those. The same rows carry the words full-text search reads ({@link PgLexicalIndex}).
 */
public final class PgVectorEmbeddingStore implements BatchEmbeddingStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final DataSource data;
    private final String table;

    public PgVectorEmbeddingStore(DataSource data, String table, int dimension) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("aegis.search.pgvector.table must be a plain lower-case SQL name: " + table);
        }
        this.data = data;
        this.table = table;
        // Processes starting together may race to create the extension; the loser's second try finds it there.
        try {
            prepare(dimension);
        } catch (IllegalStateException raced) {
            prepare(dimension);
        }
    }

    private void prepare(int dimension) {
        execute("CREATE EXTENSION IF NOT EXISTS vector",
                "CREATE TABLE IF NOT EXISTS " + table + " (id uuid PRIMARY KEY, text text, metadata jsonb NOT NULL,"
                        + " embedding vector(" + dimension + ") NOT NULL)",
                // Every search filters on the tenant, every re-embedding on the asset.
                "CREATE INDEX IF NOT EXISTS " + table + "_tenant ON " + table + " ((metadata->>'"
                        + SegmentMetadata.TENANT + "'))",
                "CREATE INDEX IF NOT EXISTS " + table + "_asset ON " + table + " ((metadata->>'"
                        + SegmentMetadata.ASSET_ID + "'))");
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        try (Connection connection = data.getConnection()) {
            insert(connection, ids, embeddings, segments);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + ids.size() + " embeddings in " + table, e);
        }
    }

    /**
     * Makes these the only rows of one asset, in one transaction: a search in another process sees the asset's old
     * passages or its new ones, never none or both.
     */
    public void replace(String tenant, String assetId, List<String> ids, List<Embedding> embeddings,
                        List<TextSegment> segments) {
        try (Connection connection = data.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE metadata->>'"
                    + SegmentMetadata.ASSET_ID + "' = ? AND metadata->>'" + SegmentMetadata.TENANT + "' = ?")) {
                delete.setString(1, assetId);
                delete.setString(2, tenant);
                delete.executeUpdate();
                insert(connection, ids, embeddings, segments);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot replace the " + ids.size() + " passages of asset " + assetId
                    + " in " + table, e);
        }
    }

    private void insert(Connection connection, List<String> ids, List<Embedding> embeddings, List<TextSegment> segments)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " (id, text, metadata, embedding) VALUES (?::uuid, ?, ?::jsonb, ?::vector)"
                + " ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, metadata = EXCLUDED.metadata,"
                + " embedding = EXCLUDED.embedding";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                TextSegment segment = segments == null ? null : segments.get(i);
                insert.setString(1, ids.get(i));
                insert.setString(2, segment == null ? null : segment.text());
                insert.setString(3, JSON.writeValueAsString(segment == null ? Map.of() : segment.metadata().toMap()));
                insert.setString(4, vector(embeddings.get(i)));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = data.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?::uuid[])")) {
            delete.setArray(1, connection.createArrayOf("text", ids.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove embeddings from " + table, e);
        }
    }

    @Override
    public void removeAll(Filter filter) {
        List<String> values = new ArrayList<>();
        String where = where(filter, values);
        update("DELETE FROM " + table + " WHERE " + where, values);
    }

    @Override
    public void removeAll() {
        update("DELETE FROM " + table, List.of());
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        List<String> values = new ArrayList<>();
        String where = request.filter() == null ? "TRUE" : where(request.filter(), values);
        String sql = "SELECT id, text, metadata::text, embedding <=> ?::vector AS distance FROM " + table
                + " WHERE " + where + " ORDER BY distance LIMIT ?";
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        try (Connection connection = data.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            int p = 1;
            query.setString(p++, vector(request.queryEmbedding()));
            for (String value : values) {
                query.setString(p++, value);
            }
            query.setInt(p, request.maxResults());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    double score = RelevanceScore.fromCosineSimilarity(1 - rows.getDouble("distance"));
                    if (score < request.minScore()) {
                        break; // ordered by distance: every later row scores lower
                    }
                    Map<String, Object> metadata = JSON.readValue(rows.getString(3), new TypeReference<>() { });
                    String text = rows.getString("text");
                    matches.add(new EmbeddingMatch<>(score, rows.getString("id"), null,
                            text == null ? null : TextSegment.from(text, Metadata.from(metadata))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("search in " + table + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddingSearchResult<>(matches);
    }

    // Equality on metadata keys (values bound as text, as they are stored), joined with AND. The key is written into
    // the SQL (checked to be a plain name) so the tenant and asset expression indexes apply.
    private static String where(Filter filter, List<String> values) {
        if (filter instanceof IsEqualTo equal && METADATA_KEY.matcher(equal.key()).matches()) {
            values.add(String.valueOf(equal.comparisonValue()));
            return "metadata->>'" + equal.key() + "' = ?";
        }
        if (filter instanceof And and) {
            return "(" + where(and.left(), values) + " AND " + where(and.right(), values) + ")";
        }
        throw new UnsupportedOperationException("filter not supported by the pgvector store: " + filter);
    }

    private void update(String sql, List<String> values) {
        try (Connection connection = data.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update of " + table + " failed", e);
        }
    }

    private void execute(String... statements) {
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the pgvector store " + table, e);
        }
    }

    /** Closes the connection pool, when the store was given one. */
    @Override
    public void close() throws Exception {
        if (data instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private static String vector(Embedding embedding) {
        float[] values = embedding.vector();
        StringBuilder text = new StringBuilder(values.length * 10).append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(values[i]);
        }
        return text.append(']').toString();
    }
}
