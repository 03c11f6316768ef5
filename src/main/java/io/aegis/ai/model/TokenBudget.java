package io.aegis.ai.model;

/**
 * Estimates how many tokens a text costs a model, without a provider-specific tokenizer: English averages
 * about 0.75 words or 4 characters per token; the larger estimate is used, so a chunk never overruns.
 */
public final class TokenBudget {

    private TokenBudget() {
    }

    public static int estimate(String text) {
        if (text.isBlank()) {
            return 0;
        }
        int words = text.strip().split("\\s+").length;
        return (int) Math.max(Math.ceil(words / 0.75), Math.ceil(text.length() / 4.0));
    }
}
