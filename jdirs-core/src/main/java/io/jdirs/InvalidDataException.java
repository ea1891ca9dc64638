package io.jdirs;

/**
 * Data on disk is not what it should be: a value that does not parse as its type
 * ({@code users/alice/age.int: "forty" is not an int}), a value of another type than asked for,
 * two files naming the same key, malformed JSON, or damaged metadata.
 * Nothing is changed or lost; the rest of the database still reads.
 */
public class InvalidDataException extends JdirsException {
    public InvalidDataException(String path, String detail) {
        super(path, detail);
    }

    public InvalidDataException(String path, String detail, Throwable cause) {
        super(path, detail, cause);
    }
}
