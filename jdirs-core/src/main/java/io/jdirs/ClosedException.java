package io.jdirs;

/** The database, or the transaction a node belongs to, is closed. */
public class ClosedException extends JdirsException {
    public ClosedException(String path, String detail) {
        super(path, detail);
    }
}
