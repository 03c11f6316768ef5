package io.aegis.ai.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Search: which embedding model and passage store the embed step and {@code GET /v1/search} use, how asset texts are
 * cut into passages, and the relevance floor.
 *
 * @param embeddingProvider {@code offline}: MiniLM in-process; the seam where a provider model plugs in later
 * @param store             {@code memory}: in-process, vectors persisted to {@code storeFile}, words in a Lucene index
 *                          per tenant under {@code lexicalDir} (one process only: it refuses to start with only one of
 *                          the api and ai roles); {@code pgvector}: PostgreSQL shared by all, vectors (pgvector) and
 *                          words (full-text search) on the same passage rows
 * @param storeFile         where the in-process vector store is saved and loaded from
 * @param lexicalDir        where the in-process lexical (BM25) indexes live
 * @param saveDelay         changes within this window are saved together (0 saves after every change)
 * @param chunkWords        the most words one passage holds (MiniLM reads about 180 words of a passage)
 * @param maxTextChars      each source text (document, transcript, OCR...) is indexed up to this length
 * @param minMeaning        an asset is a result when one of its passages is at least this close in meaning (0..1) ...
 * @param minWords          ... or contains at least this share of the query's words (0..1)
 * @param pgvector          the PostgreSQL database of {@code store=pgvector}
 */
@ConfigurationProperties("aegis.search")
public record SearchProperties(
        String embeddingProvider,
        String store,
        Path storeFile,
        Path lexicalDir,
        Duration saveDelay,
        int chunkWords,
        int maxTextChars,
        double minMeaning,
        double minWords,
        Pgvector pgvector) {

    /**
     * @param url       JDBC URL, e.g. jdbc:postgresql://host:5432/aegis
     * @param poolSize  connections this process keeps open
     * @param table     table of the passages (created at start, with the vector extension, if missing)
     * @param dimension the embedding model's dimension (MiniLM: 384)
     */
    public record Pgvector(String url, String username, String password, int poolSize, String table, int dimension) {
    }
}
