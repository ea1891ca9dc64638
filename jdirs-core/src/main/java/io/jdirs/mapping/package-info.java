/**
 * Object mapping: records and POJOs to nodes and back, with no base class. Metadata is computed once
 * per class ({@code ClassMapping}); {@link io.jdirs.mapping.Mapper} walks objects and nodes through a
 * transaction.
 */
package io.jdirs.mapping;
