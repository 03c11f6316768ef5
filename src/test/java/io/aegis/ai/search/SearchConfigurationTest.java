package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.platform.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process search store belongs to one process: with the api and ai roles apart it would never find anything. */
class SearchConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theInProcessStoreRefusesToStartWithTheApiAndAiRolesApart() {
        for (String roles : List.of("api", "api,orchestrator", "ai", "media,ai")) {
            assertThatThrownBy(() -> new SearchConfiguration().embeddingStore(memory(), new Roles(List.of(roles.split(",")))))
                    .as(roles).isInstanceOf(IllegalStateException.class).hasMessageContaining("pgvector");
        }
    }

    @Test
    void itStartsWhereApiAndAiShareTheProcessOrNeitherNeedsIt() throws Exception {
        for (String roles : List.of("api,orchestrator,media,ai", "api,ai", "media", "orchestrator")) {
            var store = new SearchConfiguration().embeddingStore(memory(), new Roles(List.of(roles.split(","))));
            assertThat(store).as(roles).isInstanceOf(PersistedEmbeddingStore.class);
            ((PersistedEmbeddingStore) store).close();
        }
    }

    private SearchProperties memory() {
        return new SearchProperties("offline", "memory", dir.resolve("embeddings.json"), Duration.ZERO, 250, 200_000, null);
    }
}
