package dev.siam4j.core.gguf;

import java.util.List;
import java.util.Objects;

/**
 * A GGUF metadata array: elements of one type. Elements are the Java classes {@link GgufValueType}
 * prescribes; an array of arrays holds {@link GgufArray} elements.
 *
 * @param elementType the type of every element
 * @param elements the elements, copied
 */
public record GgufArray(GgufValueType elementType, List<Object> elements) {

  /**
   * Validates and copies.
   *
   * @param elementType the type of every element, not null
   * @param elements the elements, each of the Java class {@code elementType} prescribes; copied
   * @throws IllegalArgumentException when an element does not match {@code elementType}
   */
  public GgufArray {
    Objects.requireNonNull(elementType, "elementType");
    elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    for (Object e : elements) {
      GgufValue.checkElement(elementType, e);
    }
  }

  /**
   * @param elementType the type of every element
   * @param elements the elements
   * @return an array of them
   */
  public static GgufArray of(GgufValueType elementType, List<?> elements) {
    return new GgufArray(elementType, List.<Object>copyOf(elements));
  }

  /** @return the number of elements */
  public int size() {
    return elements.size();
  }

  /** @return the elements as strings, when they are strings */
  @SuppressWarnings("unchecked")
  public List<String> asStrings() {
    if (elementType != GgufValueType.STRING) {
      throw new IllegalStateException("an array of " + elementType + " is not an array of strings");
    }
    return (List<String>) (List<?>) elements;
  }

  /** @return a short description: the type, the count and the first elements */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("[").append(elementType).append(" x ").append(size());
    int shown = Math.min(size(), 8);
    if (shown > 0) {
      out.append(": ");
      for (int i = 0; i < shown; i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(elements.get(i));
      }
      if (shown < size()) {
        out.append(", ...");
      }
    }
    return out.append(']').toString();
  }
}
