/** The jdirs command line, on the public API of jdirs core. */
module io.jdirs.cli {
    requires io.jdirs;
    requires info.picocli;
    requires tools.jackson.databind;
    requires java.management; // Timing: the JVM's start-up time
}
