package io.aegis.api;

/** The {@code limit} query parameter of list and search calls: absent → the default, else 1..max or a 400. */
final class PageLimit {

    private PageLimit() {
    }

    static int parse(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + maxLimit);
    }
}
