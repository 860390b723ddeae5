package dev.siam4j.core.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.siam4j.core.RunStoreException;

/**
 * The JSON mapping siam4j's files use: records as objects, {@code Optional} as value or null,
 * {@code Duration} as milliseconds, unknown fields ignored so newer files stay readable. Records
 * keep their maps sorted (see {@code Checks.sortedCopy}) so equal records give equal bytes.
 *
 * <p>The mapper is thread-safe and shared; do not reconfigure it (use {@link #newMapper()}).
 */
public final class Json {
  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  /** @return the shared, configured mapper */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** @return a new mapper configured like the shared one, for callers that customise it */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /**
   * @param value the object to write with the shared mapper
   * @return {@code value} as one line of JSON (no line breaks)
   */
  public static String toLine(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new RunStoreException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
