package dev.siam4j.core.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

final class LanguagesTest {

  @Test
  void detect_byScript() {
    assertThat(Languages.detect("What is 2 + 2?")).isEqualTo(Locale.ENGLISH);
    assertThat(Languages.detect("x² + ÿ = π")).isEqualTo(Locale.ENGLISH);
    assertThat(Languages.detect("若 x=2，求 x 的平方")).isEqualTo(Locale.CHINESE);
    assertThat(Languages.detect("りんごが 3 個あります")).isEqualTo(Locale.JAPANESE);
    assertThat(Languages.detect("사과가 3개 있습니다")).isEqualTo(Locale.KOREAN);
    assertThat(Languages.detect("")).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void parse_readsTagsAndNames() {
    assertThat(Languages.parse("zh")).isEqualTo(Locale.CHINESE);
    assertThat(Languages.parse("zh_CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(Languages.parse("Chinese")).isEqualTo(Locale.CHINESE);
    assertThat(Languages.parse("中文")).isEqualTo(Locale.CHINESE);
    assertThat(Languages.parse("EN")).isEqualTo(Locale.ENGLISH);
    assertThatThrownBy(() -> Languages.parse("not a language"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a language: 'not a language'");
  }
}
