package io.aegis.ai.model;

/** Who made an insight: recorded beside every summary, tag or transcript the AI steps produce. */
public record ModelIdentity(String provider, String model) {
}
