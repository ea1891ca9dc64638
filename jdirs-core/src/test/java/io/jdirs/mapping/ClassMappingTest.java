package io.jdirs.mapping;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassMappingTest {
    record Point(int x, int y) {
    }

    record Shape(String name, Point origin, List<Point> corners, Map<String, Object> extra, Object any) {
    }

    @Test
    void metadataIsComputedOncePerClass() {
        assertThat(ClassMapping.of(Point.class)).isSameAs(ClassMapping.of(Point.class));
    }

    @Test
    void eachPropertyIsAValueJsonOrAChildNodeByItsDeclaredType() {
        ClassMapping m = ClassMapping.of(Shape.class);
        assertThat(m.properties).extracting(p -> p.key + ":" + p.kind)
                .containsExactly("name:VALUE", "origin:NODE", "corners:JSON", "extra:JSON", "any:JSON");
    }
}
