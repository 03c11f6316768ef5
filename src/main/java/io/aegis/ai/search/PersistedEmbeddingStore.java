package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LangChain4j's {@link InMemoryEmbeddingStore}, kept in a JSON file so a restart keeps the index: loaded
 * when opened, saved a moment after each change (changes close together share one save) and on close.
 * Saves write a temporary file and move it over the old one, so a crash never leaves half a file.
 * One process only: two processes sharing the file would overwrite each other's entries.
 */
public final class PersistedEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PersistedEmbeddingStore.class);

    private final InMemoryEmbeddingStore<TextSegment> entries;
    private final Path file;
    private final Duration saveDelay;
    private final ScheduledExecutorService saver;
    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    private final Object fileLock = new Object();
    private volatile boolean dirty;

    private PersistedEmbeddingStore(InMemoryEmbeddingStore<TextSegment> entries, Path file, Duration saveDelay) {
        this.entries = entries;
        this.file = file.toAbsolutePath();
        this.saveDelay = saveDelay == null ? Duration.ZERO : saveDelay;
        this.saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedding-store-saver");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the store saved in {@code file}, or an empty one when there is none yet. */
    public static PersistedEmbeddingStore open(Path file, Duration saveDelay) {
        return new PersistedEmbeddingStore(load(file), file, saveDelay);
    }

    private static InMemoryEmbeddingStore<TextSegment> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new InMemoryEmbeddingStore<>();
        }
        try {
            InMemoryEmbeddingStore<TextSegment> loaded =
                    InMemoryEmbeddingStore.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            log.info("Loaded the embedding store from {}", file);
            return loaded;
        } catch (IOException | RuntimeException e) {
            // Kept aside, not deleted: the index can be rebuilt by re-running embed, the file examined.
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            log.error("Embedding store {} is unreadable; moved to {} and starting empty", file, aside, e);
            move(file, aside);
            return new InMemoryEmbeddingStore<>();
        }
    }

    @Override
    public String add(Embedding embedding) {
        String id = entries.add(embedding);
        changed();
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        entries.add(id, embedding);
        changed();
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = entries.add(embedding, segment);
        changed();
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = entries.addAll(embeddings);
        changed();
        return ids;
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        entries.addAll(ids, embeddings, segments);
        changed();
    }

    @Override
    public void removeAll(Collection<String> ids) {
        entries.removeAll(ids);
        changed();
    }

    @Override
    public void removeAll(Filter filter) {
        entries.removeAll(filter);
        changed();
    }

    @Override
    public void removeAll() {
        entries.removeAll();
        changed();
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return entries.search(request);
    }

    /** Writes the store now if anything changed since the last save. */
    public void flush() {
        synchronized (fileLock) {
            if (!dirty) {
                return;
            }
            // Cleared before the snapshot: a change made while writing marks the store dirty again.
            dirty = false;
            write(entries.serializeToJson());
        }
    }

    @Override
    public void close() {
        saver.shutdownNow();
        flush();
    }

    private void changed() {
        dirty = true;
        if (saveDelay.isZero()) {
            flush();
        } else if (saveScheduled.compareAndSet(false, true)) {
            saver.schedule(this::scheduledSave, saveDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledSave() {
        saveScheduled.set(false);
        try {
            flush();
        } catch (RuntimeException e) {
            dirty = true;
            log.error("Saving the embedding store to {} failed; retried on the next change or at shutdown", file, e);
        }
    }

    private void write(String json) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temporary, json, StandardCharsets.UTF_8);
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the embedding store to " + file, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }
}
