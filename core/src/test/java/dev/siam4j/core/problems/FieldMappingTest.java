package dev.siam4j.core.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class FieldMappingTest {

  @Test
  void plain_mapsTheConventionalNames() {
    assertThat(FieldMapping.plain()).isEqualTo(new FieldMapping(Optional.of("id"), "question",
        "answer", Optional.of("language"), Optional.of("source"), List.of(), true));
  }

  @Test
  void aFieldMappedTwice_isRefused() {
    assertThatThrownBy(() -> FieldMapping.builder().question("text").answer("text").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'text' is mapped twice");
    assertThatThrownBy(() -> FieldMapping.builder().metadata("id").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata field 'id' is already mapped to a problem property");
  }

  @Test
  void aPropertySetTwice_isRefusedNamingTheOldValue() {
    assertThatThrownBy(() -> FieldMapping.builder().question("q").question("r"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("question was already set to 'q'");
    assertThatThrownBy(() -> FieldMapping.builder().generatedIds().id("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("id was already set to none");
  }
}
