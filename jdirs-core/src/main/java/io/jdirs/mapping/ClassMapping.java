package io.jdirs.mapping;

import io.jdirs.Key;
import io.jdirs.Skip;
import io.jdirs.format.Codec;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one class maps to a node, computed once per class. A record maps its components and is built
 * with its canonical constructor; any other class maps its instance fields (its own and inherited,
 * except static, transient and {@link Skip} ones), through a public getter and setter pair where both
 * exist, and is built with its no-argument constructor.
 */
final class ClassMapping {
    /** How a property is stored. */
    enum Kind {
        /** A basic type: a typed attribute file. */
        VALUE,
        /** Collections, maps, arrays, Object and other non-node types: a JSON attribute (or a basic one, by the runtime value). */
        JSON,
        /** A record or POJO: a child node. */
        NODE
    }

    private static final ClassValue<ClassMapping> MAPPINGS = new ClassValue<>() {
        @Override
        protected ClassMapping computeValue(Class<?> type) {
            return new ClassMapping(type);
        }
    };

    final Class<?> type;
    final boolean record;
    final List<Property> properties;
    private final Constructor<?> constructor;
    private final String problem;        // the class cannot be mapped at all
    private final String noConstructor;  // it can be written, not read

    static ClassMapping of(Class<?> type) {
        return MAPPINGS.get(type);
    }

    private ClassMapping(Class<?> type) {
        this.type = type;
        this.record = type.isRecord();
        List<Property> props = new ArrayList<>();
        Constructor<?> ctor = null;
        String why = null;
        String noCtor = null;
        try {
            if (record) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    types[i] = c.getType();
                    String key = c.isAnnotationPresent(Key.class) ? c.getAnnotation(Key.class).value() : c.getName();
                    props.add(new Property(key, c.getGenericType(), c.getType(), accessible(c.getAccessor()), null, null,
                            c.isAnnotationPresent(Skip.class)));
                }
                ctor = accessible(type.getDeclaredConstructor(types));
            } else {
                Set<String> seen = new HashSet<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        int m = f.getModifiers();
                        if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()
                                || f.isAnnotationPresent(Skip.class) || !seen.add(f.getName())) {
                            continue;
                        }
                        String key = f.isAnnotationPresent(Key.class) ? f.getAnnotation(Key.class).value() : f.getName();
                        Method getter = accessor(type, f);
                        Method setter = getter == null ? null : setter(type, f);
                        if (getter == null || setter == null) {
                            props.add(new Property(key, f.getGenericType(), f.getType(), null, null, accessible(f), false));
                        } else {
                            props.add(new Property(key, f.getGenericType(), f.getType(), accessible(getter),
                                    accessible(setter), null, false));
                        }
                    }
                }
                try {
                    ctor = accessible(type.getDeclaredConstructor());
                } catch (NoSuchMethodException e) {
                    noCtor = type.getName() + " has no no-argument constructor: jdirs reads records, and classes with one";
                }
            }
        } catch (NoSuchMethodException | InaccessibleObjectException | SecurityException e) {
            why = "cannot map " + type.getName() + ": " + e.getMessage()
                    + " (in a named module, open its package to module io.jdirs)";
        }
        Set<String> keys = new HashSet<>();
        for (Property p : props) {
            if (!p.skipped && !keys.add(p.key)) {
                why = type.getName() + " maps two properties to the key \"" + p.key + "\"";
            }
        }
        this.properties = List.copyOf(props);
        this.constructor = ctor;
        this.problem = why;
        this.noConstructor = noCtor;
    }

    /** Creates an instance: with the component values for a record, empty for other classes. */
    Object create(Object[] args) {
        check();
        if (noConstructor != null) {
            throw new IllegalArgumentException(noConstructor);
        }
        try {
            return record ? constructor.newInstance(args) : constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    /** Refuses a class that cannot be mapped at all. */
    void check() {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** How values of a declared type are stored. */
    static Kind kindOf(Class<?> raw) {
        if (Codec.typeOf(raw) != null) {
            return Kind.VALUE;
        }
        if (raw.isArray() || raw.isInterface() || raw.isPrimitive() || Modifier.isAbstract(raw.getModifiers())
                || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                || raw == Optional.class || raw == Object.class || tools.jackson.databind.JsonNode.class.isAssignableFrom(raw)
                || raw.getName().startsWith("java.") || raw.getName().startsWith("javax.")) {
            return Kind.JSON;
        }
        return Kind.NODE;
    }

    private static Method accessor(Class<?> type, Field f) {
        String cap = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        for (String name : new String[] {"get" + cap, "is" + cap}) {
            try {
                Method m = type.getMethod(name);
                if (m.getReturnType() == f.getType() && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static Method setter(Class<?> type, Field f) {
        String cap = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        try {
            Method m = type.getMethod("set" + cap, f.getType());
            return Modifier.isStatic(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static <T extends AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }

    /** One mapped field or record component. */
    static final class Property {
        final String key;
        final java.lang.reflect.Type genericType;
        final Class<?> raw;
        final Kind kind;
        final boolean skipped;
        private final Method getter;
        private final Method setter;
        private final Field field;

        Property(String key, java.lang.reflect.Type genericType, Class<?> raw, Method getter, Method setter,
                 Field field, boolean skipped) {
            this.key = key;
            this.genericType = genericType;
            this.raw = raw;
            this.kind = kindOf(raw);
            this.getter = getter;
            this.setter = setter;
            this.field = field;
            this.skipped = skipped;
        }

        Object get(Object target) {
            try {
                return field != null ? field.get(target) : getter.invoke(target);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("getter of " + key + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot read " + key + ": " + e.getMessage(), e);
            }
        }

        void set(Object target, Object value) {
            try {
                if (field != null) {
                    field.set(target, value);
                } else {
                    setter.invoke(target, value);
                }
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("setter of " + key + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot set " + key + ": " + e.getMessage(), e);
            }
        }

        /** The value a record component takes when its key is absent: 0, false, or null. */
        Object absent() {
            if (!raw.isPrimitive()) {
                return null;
            }
            if (raw == boolean.class) {
                return false;
            }
            if (raw == char.class) {
                return '\0';
            }
            Object zero = 0;
            return raw == long.class ? 0L : raw == double.class ? 0.0 : raw == float.class ? 0f
                    : raw == short.class ? (short) 0 : raw == byte.class ? (byte) 0 : zero;
        }
    }
}
