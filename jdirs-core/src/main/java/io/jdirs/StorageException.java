package io.jdirs;

import java.io.IOException;

/** The file system failed (disk full, permission denied, I/O error); the cause is the {@link IOException} where there is one. */
public class StorageException extends JdirsException {
    public StorageException(String path, String detail, Throwable cause) {
        super(path, detail, cause);
    }
}
