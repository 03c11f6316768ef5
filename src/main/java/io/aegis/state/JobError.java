package io.aegis.state;

public record JobError(String code, String message) {

    public static JobError of(ErrorCode code, String message) {
        return new JobError(code.name(), message);
    }
}
