package dev.siam4j.examples.cli;

import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.core.Algorithm;
import dev.siam4j.examples.quickstart.Quickstart;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Picocli's conversion of enum-typed options, with the command line's spelling: a value is the
 * constant's name in any case, with {@code -} or {@code _} between words ({@code dpo-nll},
 * {@code DPO_NLL}, {@code expert-iteration}). A wrong value is misuse naming every valid one.
 *
 * @param <E> the enum
 */
final class EnumValues<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
  private final Class<E> type;

  private EnumValues(Class<E> type) {
    this.type = type;
  }

  /** Registers the conversion of every enum the commands take. */
  static CommandLine register(CommandLine cl) {
    return cl.registerConverter(Algorithm.class, new EnumValues<>(Algorithm.class))
        .registerConverter(ExportFormat.class, new EnumValues<>(ExportFormat.class))
        .registerConverter(Quickstart.TrainingData.class, new EnumValues<>(Quickstart.TrainingData.class))
        .registerConverter(Quickstart.AblationArm.class, new EnumValues<>(Quickstart.AblationArm.class));
  }

  /** @return how {@code value} is written on the command line */
  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public E convert(String value) {
    String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    throw new CommandLine.TypeConversionException(
        "'" + value + "' is not one of "
            + Arrays.stream(type.getEnumConstants()).map(EnumValues::name).collect(Collectors.joining(", ")));
  }
}
