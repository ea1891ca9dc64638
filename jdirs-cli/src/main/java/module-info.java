/** The jdirs command line, on the public API of jdirs core. */
module io.jdirs.cli {
    requires io.jdirs;
    requires info.picocli;
    requires tools.jackson.databind;

    opens io.jdirs.cli to info.picocli;
}
