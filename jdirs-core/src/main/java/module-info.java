/**
 * jdirs core: the embedded database and its Java API. Only {@code io.jdirs} is exported; storage,
 * format, transactions and mapping are internal.
 */
module io.jdirs {
    requires tools.jackson.databind;

    exports io.jdirs;
}
