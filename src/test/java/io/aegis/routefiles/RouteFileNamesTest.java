package io.aegis.routefiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteFileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dispatch-by-media-kind.yaml", "thumbnail-sizes.yaml", "a.yaml", "my.plan.yaml"})
    void yamlFilesAreRouteFiles(String name) {
        assertThat(RouteFileNames.isRouteFile(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ".dispatch-by-media-kind.yaml.swp", // vim swap
        "dispatch-by-media-kind.yaml.swp",
        ".dispatch-by-media-kind.yaml",     // hidden
        ".#dispatch-by-media-kind.yaml",    // emacs lock
        "#dispatch-by-media-kind.yaml#",    // emacs autosave
        "dispatch-by-media-kind.yaml~",     // backup
        "dispatch-by-media-kind.yaml.tmp",  // atomic-save temp
        "dispatch-by-media-kind.yml",
        "README.md",
        "4913",                             // vim's write-permission probe
        ".yaml"})
    void editorTempFilesAndOtherFilesAreNot(String name) {
        assertThat(RouteFileNames.isRouteFile(name)).isFalse();
    }
}
