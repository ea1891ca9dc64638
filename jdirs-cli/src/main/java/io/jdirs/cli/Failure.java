package io.jdirs.cli;

import io.jdirs.BusyException;
import io.jdirs.ConflictException;
import io.jdirs.DuplicateException;
import io.jdirs.InvalidDataException;
import io.jdirs.StorageException;

/** A command that cannot do what it was asked, with the exit code that says why; the message names the path. */
final class Failure extends RuntimeException {
    static final int OTHER = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int BAD_DATA = 4;
    static final int BUSY = 5;
    static final int IO = 6;

    final int code;

    Failure(int code, String message) {
        super(message);
        this.code = code;
    }

    static Failure notFound(String path) {
        return new Failure(NOT_FOUND, path + ": not found");
    }

    static Failure usage(String message) {
        return new Failure(USAGE, message);
    }

    static Failure badData(String message) {
        return new Failure(BAD_DATA, message);
    }

    /** The exit code for any exception a command may end with. */
    static int exitCode(Throwable e) {
        if (e instanceof Failure f) {
            return f.code;
        } else if (e instanceof InvalidDataException || e instanceof DuplicateException) {
            return BAD_DATA;
        } else if (e instanceof ConflictException || e instanceof BusyException) {
            return BUSY;
        } else if (e instanceof StorageException) {
            return IO;
        } else if (e instanceof IllegalArgumentException) {
            return USAGE; // a key no file name can hold, a setting that does not parse
        }
        return OTHER;
    }
}
