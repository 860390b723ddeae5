package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.core.Algorithm;
import dev.siam4j.examples.quickstart.Quickstart;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

final class EnumValuesTest {

  @Command(name = "t")
  static final class Options {
    @Option(names = "--algorithm") Algorithm algorithm;
    @Option(names = "--format") ExportFormat format;
    @Option(names = "--training-data") Quickstart.TrainingData trainingData;
  }

  private static Options parse(String... args) {
    Options o = new Options();
    EnumValues.register(new CommandLine(o)).parseArgs(args);
    return o;
  }

  @Test
  void everyEnumOptionTakesTheConstantInAnyCaseWithHyphensOrUnderscores() {
    assertThat(parse("--algorithm", "dpo-nll").algorithm).isEqualTo(Algorithm.DPO_NLL);
    assertThat(parse("--algorithm", "DPO_NLL").algorithm).isEqualTo(Algorithm.DPO_NLL);
    assertThat(parse("--algorithm", "Sft").algorithm).isEqualTo(Algorithm.SFT);
    assertThat(parse("--format", "llama-factory-sharegpt").format).isEqualTo(ExportFormat.LLAMA_FACTORY_SHAREGPT);
    assertThat(parse("--training-data", "expert-iteration").trainingData)
        .isEqualTo(Quickstart.TrainingData.EXPERT_ITERATION);
    assertThat(EnumValues.name(Algorithm.DPO_NLL)).isEqualTo("dpo-nll");
  }

  @Test
  void aWrongValueNamesEveryValidOne() {
    assertThatThrownBy(() -> parse("--training-data", "all"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("Invalid value for option '--training-data': 'all' is not one of iteration, replay, expert-iteration");
  }

  @Test
  void theCliExitsWithTwoOnAWrongEnumValue() {
    StringWriter err = new StringWriter();
    int code = Siam4jCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "export", "--format", "tsv",
        "--output", "x", "--sft", "y");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("siam4j: Invalid value for option '--format': 'tsv' is not one of trl,");
  }
}
