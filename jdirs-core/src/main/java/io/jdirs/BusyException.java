package io.jdirs;

/** The database stayed locked by other writers for longer than the configured lock timeout. */
public class BusyException extends JdirsException {
    public BusyException(String path, String detail) {
        super(path, detail);
    }
}
