package io.aegis.media.audio;

import java.nio.file.Path;

/** One piece of a longer recording, small enough for one recogniser run; times are within the original. */
public record AudioChunk(int index, Path file, double startSeconds, double durationSeconds) {
}
