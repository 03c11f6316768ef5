package io.aegis.state;

/** A job's or step's failure as tenants see it: a code and a message made safe to show ({@link PublicText}). */
public record JobError(String code, String message) {

    public static JobError of(ErrorCode code, String message) {
        return new JobError(code.name(), PublicText.of(message));
    }
}
