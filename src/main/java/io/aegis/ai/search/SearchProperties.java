package io.aegis.ai.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Semantic search: which embedding model and vector store the embed step and {@code GET /v1/search} use,
 * and how asset texts are cut into chunks.
 *
 * @param embeddingProvider {@code offline}: MiniLM in-process; the seam where a provider model plugs in later
 * @param store             {@code memory}: in-process, persisted to {@code storeFile} (one process only: it refuses to
 *                          start with only one of the api and ai roles); {@code pgvector}: PostgreSQL shared by all
 * @param pgvector          the PostgreSQL database of {@code store=pgvector}
 * @param storeFile         where the in-process store is saved and loaded from
 * @param saveDelay         changes within this window are saved together (0 saves after every change)
 * @param chunkWords        the most words one embedded chunk holds
 * @param maxTextChars      each source text (document, transcript, OCR...) is embedded up to this length
 */
@ConfigurationProperties("aegis.search")
public record SearchProperties(
        String embeddingProvider,
        String store,
        Path storeFile,
        Duration saveDelay,
        int chunkWords,
        int maxTextChars,
        Pgvector pgvector) {

    /**
     * @param url       JDBC URL, e.g. jdbc:postgresql://host:5432/aegis
     * @param poolSize  connections this process keeps open
     * @param table     table of the chunks (created at start, with the vector extension, if missing)
     * @param dimension the embedding model's dimension (MiniLM: 384)
     */
    public record Pgvector(String url, String username, String password, int poolSize, String table, int dimension) {
    }
}
