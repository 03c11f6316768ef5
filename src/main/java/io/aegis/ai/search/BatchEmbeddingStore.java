package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.List;
import java.util.UUID;

/**
 * A LangChain4j embedding store of text segments whose every add is one
 * {@link #addAll(List, List, List)} (one journal write, one SQL batch): the single and id-less adds, with random
 * UUIDs as LangChain4j's stores make them, for {@link PersistedEmbeddingStore} and {@link PgVectorEmbeddingStore}.
 */
interface BatchEmbeddingStore extends EmbeddingStore<TextSegment>, AutoCloseable {

    @Override
    void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments);

    @Override
    default String add(Embedding embedding) {
        return addAll(List.of(embedding)).get(0);
    }

    @Override
    default void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    default String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), List.of(segment));
        return id;
    }

    @Override
    default List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = embeddings.stream().map(e -> UUID.randomUUID().toString()).toList();
        addAll(ids, embeddings, null);
        return ids;
    }
}
