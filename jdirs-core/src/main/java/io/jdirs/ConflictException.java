package io.jdirs;

/**
 * A transaction cannot be committed (or a read cannot be served consistently) because data it
 * depends on was changed concurrently. Nothing of the transaction was written; running it again
 * sees the new state. {@link Database#write} and {@link Database#read} do so automatically.
 */
public class ConflictException extends JdirsException {
    public ConflictException(String path, String detail) {
        super(path, detail);
    }
}
