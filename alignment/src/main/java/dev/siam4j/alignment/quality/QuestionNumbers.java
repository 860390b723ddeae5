package dev.siam4j.alignment.quality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a question states or implies: its numerals ("1,200", "3.5", "80%"), number words
 * ("twelve", "dozen", "half", "两"), and the constants its units imply (100 for a percent, 60 for
 * hours and minutes, 7 for weeks, ...; for a square, "x²" or "root", the 2 and 0.5 of a square root
 * and the 4 of the quadratic formula). A program's literal is grounded when it is one of them.
 */
final class QuestionNumbers {

  private static final Pattern NUMERAL =
      Pattern.compile("(?<![\\d.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?|(?<![\\d])\\.(\\d+)");
  private static final Pattern WORD = Pattern.compile("[\\p{L}]+");
  private static final Pattern HAN_NUMERAL = Pattern.compile("[零〇一二两三四五六七八九十百千万亿]{2,}");
  private static final String HAN_DIGITS = "零一二三四五六七八九";
  private static final MathContext MC = MathContext.DECIMAL64;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** English words and the numbers they state or imply. */
  private static final Map<String, double[]> WORDS = Map.ofEntries(
      Map.entry("zero", new double[] {0}), Map.entry("one", new double[] {1}),
      Map.entry("two", new double[] {2}), Map.entry("three", new double[] {3}),
      Map.entry("four", new double[] {4}), Map.entry("five", new double[] {5}),
      Map.entry("six", new double[] {6}), Map.entry("seven", new double[] {7}),
      Map.entry("eight", new double[] {8}), Map.entry("nine", new double[] {9}),
      Map.entry("ten", new double[] {10}), Map.entry("eleven", new double[] {11}),
      Map.entry("twelve", new double[] {12}), Map.entry("thirteen", new double[] {13}),
      Map.entry("fourteen", new double[] {14}), Map.entry("fifteen", new double[] {15}),
      Map.entry("sixteen", new double[] {16}), Map.entry("seventeen", new double[] {17}),
      Map.entry("eighteen", new double[] {18}), Map.entry("nineteen", new double[] {19}),
      Map.entry("twenty", new double[] {20}), Map.entry("thirty", new double[] {30}),
      Map.entry("forty", new double[] {40}), Map.entry("fifty", new double[] {50}),
      Map.entry("sixty", new double[] {60}), Map.entry("seventy", new double[] {70}),
      Map.entry("eighty", new double[] {80}), Map.entry("ninety", new double[] {90}),
      Map.entry("hundred", new double[] {100}), Map.entry("thousand", new double[] {1000}),
      Map.entry("million", new double[] {1e6}), Map.entry("billion", new double[] {1e9}),
      Map.entry("dozen", new double[] {12}), Map.entry("dozens", new double[] {12}),
      Map.entry("half", new double[] {2, 0.5}), Map.entry("halves", new double[] {2, 0.5}),
      Map.entry("twice", new double[] {2}), Map.entry("double", new double[] {2}),
      Map.entry("doubles", new double[] {2}), Map.entry("pair", new double[] {2}),
      Map.entry("pairs", new double[] {2}), Map.entry("both", new double[] {2}),
      Map.entry("triple", new double[] {3}), Map.entry("thrice", new double[] {3}),
      Map.entry("third", new double[] {3}), Map.entry("thirds", new double[] {3}),
      Map.entry("quarter", new double[] {4, 0.25, 25}), Map.entry("quarters", new double[] {4, 0.25, 25}),
      Map.entry("fourth", new double[] {4}), Map.entry("fifth", new double[] {5}),
      Map.entry("percent", new double[] {100}), Map.entry("percentage", new double[] {100}),
      Map.entry("cent", new double[] {100}), Map.entry("cents", new double[] {100}),
      Map.entry("dime", new double[] {10}), Map.entry("dimes", new double[] {10}),
      Map.entry("nickel", new double[] {5}), Map.entry("nickels", new double[] {5}),
      Map.entry("hour", new double[] {60, 24}), Map.entry("hours", new double[] {60, 24}),
      Map.entry("minute", new double[] {60}), Map.entry("minutes", new double[] {60}),
      Map.entry("second", new double[] {60}), Map.entry("seconds", new double[] {60}),
      Map.entry("day", new double[] {24, 7, 30, 365}), Map.entry("days", new double[] {24, 7, 30, 365}),
      Map.entry("daily", new double[] {7, 30, 365}),
      Map.entry("week", new double[] {7, 52}), Map.entry("weeks", new double[] {7, 52}),
      Map.entry("weekly", new double[] {7, 52}),
      Map.entry("month", new double[] {12, 30, 4}), Map.entry("months", new double[] {12, 30, 4}),
      Map.entry("monthly", new double[] {12}),
      Map.entry("year", new double[] {12, 52, 365}), Map.entry("years", new double[] {12, 52, 365}),
      Map.entry("yearly", new double[] {12}), Map.entry("annual", new double[] {12}),
      Map.entry("decade", new double[] {10}), Map.entry("century", new double[] {100}),
      Map.entry("foot", new double[] {12, 3}), Map.entry("feet", new double[] {12, 3}),
      Map.entry("inch", new double[] {12}), Map.entry("inches", new double[] {12}),
      Map.entry("yard", new double[] {3, 36}), Map.entry("yards", new double[] {3, 36}),
      Map.entry("mile", new double[] {5280}), Map.entry("miles", new double[] {5280}),
      Map.entry("pound", new double[] {16}), Map.entry("pounds", new double[] {16}),
      Map.entry("ounce", new double[] {16}), Map.entry("ounces", new double[] {16}),
      Map.entry("meter", new double[] {100, 1000}), Map.entry("meters", new double[] {100, 1000}),
      Map.entry("centimeter", new double[] {100}), Map.entry("centimeters", new double[] {100}),
      Map.entry("kilometer", new double[] {1000}), Map.entry("kilometers", new double[] {1000}),
      Map.entry("gram", new double[] {1000}), Map.entry("grams", new double[] {1000}),
      Map.entry("kilogram", new double[] {1000}), Map.entry("kilograms", new double[] {1000}),
      Map.entry("liter", new double[] {1000}), Map.entry("liters", new double[] {1000}),
      Map.entry("gallon", new double[] {4, 128}), Map.entry("gallons", new double[] {4, 128}),
      Map.entry("quart", new double[] {4}), Map.entry("quarts", new double[] {4}),
      Map.entry("degrees", new double[] {180, 360}), Map.entry("angle", new double[] {180, 360}),
      Map.entry("triangle", new double[] {3, 180}), Map.entry("square", new double[] {4, 2, 0.5}),
      Map.entry("squared", new double[] {2, 0.5}), Map.entry("squares", new double[] {2, 0.5}),
      Map.entry("root", new double[] {2, 4, 0.5}), Map.entry("roots", new double[] {2, 4, 0.5}),
      Map.entry("sqrt", new double[] {2, 0.5}), Map.entry("cube", new double[] {3, 6}),
      Map.entry("cubed", new double[] {3}), Map.entry("rectangle", new double[] {4, 2}),
      Map.entry("perimeter", new double[] {2, 4}), Map.entry("area", new double[] {2}),
      Map.entry("circle", new double[] {2, 3.14, 360}), Map.entry("radius", new double[] {2}),
      Map.entry("diameter", new double[] {2}), Map.entry("average", new double[] {2}),
      Map.entry("mean", new double[] {2}), Map.entry("even", new double[] {2}),
      Map.entry("odd", new double[] {2}), Map.entry("digit", new double[] {10, 9}),
      Map.entry("digits", new double[] {10, 9}), Map.entry("hexagon", new double[] {6}),
      Map.entry("pentagon", new double[] {5}), Map.entry("octagon", new double[] {8}),
      Map.entry("weekday", new double[] {5}), Map.entry("weekdays", new double[] {5}),
      Map.entry("weekend", new double[] {2}), Map.entry("weekends", new double[] {2}),
      Map.entry("legs", new double[] {2, 4}), Map.entry("wheels", new double[] {2, 4}));

  /** Chinese characters and the numbers they state or imply. */
  private static final Map<Character, double[]> HAN = Map.ofEntries(
      Map.entry('零', new double[] {0}), Map.entry('一', new double[] {1}),
      Map.entry('二', new double[] {2}), Map.entry('两', new double[] {2}),
      Map.entry('三', new double[] {3}), Map.entry('四', new double[] {4}),
      Map.entry('五', new double[] {5}), Map.entry('六', new double[] {6}),
      Map.entry('七', new double[] {7}), Map.entry('八', new double[] {8}),
      Map.entry('九', new double[] {9}), Map.entry('十', new double[] {10}),
      Map.entry('百', new double[] {100}), Map.entry('千', new double[] {1000}),
      Map.entry('万', new double[] {10_000}), Map.entry('亿', new double[] {1e8}),
      Map.entry('半', new double[] {2, 0.5}), Map.entry('倍', new double[] {2}),
      Map.entry('双', new double[] {2}), Map.entry('对', new double[] {2}),
      Map.entry('打', new double[] {12}), Map.entry('时', new double[] {60, 24}),
      Map.entry('分', new double[] {60, 10, 100}), Map.entry('秒', new double[] {60}),
      Map.entry('天', new double[] {24, 7, 30, 365}), Map.entry('日', new double[] {24, 7, 30, 365}),
      Map.entry('周', new double[] {7, 52}), Map.entry('星', new double[] {7}),
      Map.entry('月', new double[] {12, 30}), Map.entry('年', new double[] {12, 52, 365}),
      Map.entry('元', new double[] {10, 100}), Map.entry('角', new double[] {10}),
      Map.entry('米', new double[] {100, 1000}), Map.entry('克', new double[] {1000}),
      Map.entry('斤', new double[] {2, 500}), Map.entry('升', new double[] {1000}),
      Map.entry('平', new double[] {2, 0.5}), Map.entry('根', new double[] {2, 4, 0.5}));

  private final List<BigDecimal> values = new ArrayList<>();

  private QuestionNumbers() {}

  /** Finds the numbers {@code question} states or implies; 0 and 1 are always among them. */
  static QuestionNumbers of(String question) {
    QuestionNumbers q = new QuestionNumbers();
    q.add(0);
    q.add(1);
    String lower = question.toLowerCase(Locale.ROOT);
    boolean percent = lower.indexOf('%') >= 0 || lower.contains("percent") || lower.contains("百分");
    List<BigDecimal> stated = new ArrayList<>();
    Matcher m = NUMERAL.matcher(question);
    while (m.find()) {
      String text = m.group(3) != null ? "0." + m.group(3)
          : m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2));
      stated.add(new BigDecimal(text));
    }
    Matcher w = WORD.matcher(lower);
    while (w.find()) {
      double[] implied = WORDS.get(w.group());
      if (implied != null) {
        for (double d : implied) {
          q.add(d);
        }
      }
    }
    for (int i = 0; i < question.length(); i++) {
      double[] implied = HAN.get(question.charAt(i));
      if (implied != null) {
        for (double d : implied) {
          q.add(d);
        }
      }
    }
    Matcher han = HAN_NUMERAL.matcher(question);
    while (han.find()) {
      long value = hanValue(han.group());
      if (value >= 0) {
        stated.add(BigDecimal.valueOf(value));
      }
    }
    if (percent) {
      q.add(100);
    }
    if (question.indexOf('\u00B2') >= 0 || lower.contains("^2") || lower.contains("**2")) {
      // a square: its root (** 0.5) and the quadratic formula's constants (b*b - 4*a*c, / 2)
      q.add(2);
      q.add(4);
      q.add(0.5);
    }
    for (BigDecimal v : stated) {
      q.values.add(v);
      if (percent) {
        q.values.add(v.divide(HUNDRED, MC));
      }
    }
    return q;
  }

  /** The value of a Chinese numeral ("八十" 80, "一百二十五" 125, "三万" 30000); -1 when malformed. */
  static long hanValue(String numeral) {
    long total = 0;
    long section = 0;
    long digit = -1;
    for (int i = 0; i < numeral.length(); i++) {
      char c = numeral.charAt(i);
      int d = c == '两' ? 2 : c == '〇' ? 0 : HAN_DIGITS.indexOf(c);
      if (d >= 0) {
        digit = d;
        continue;
      }
      long unit = switch (c) {
        case '十' -> 10;
        case '百' -> 100;
        case '千' -> 1000;
        case '万' -> 10_000;
        case '亿' -> 100_000_000;
        default -> -1;
      };
      if (unit < 0) {
        return -1;
      }
      if (unit >= 10_000) {
        section += Math.max(digit, 0);
        total = (total + section) * unit;
        section = 0;
      } else {
        section += (digit < 0 ? 1 : digit) * unit;
      }
      digit = -1;
    }
    return total + section + Math.max(digit, 0);
  }

  /** @return whether {@code value} is one of the question's numbers */
  boolean contains(BigDecimal value) {
    for (BigDecimal v : values) {
      if (v.compareTo(value) == 0) {
        return true;
      }
    }
    return false;
  }

  /** @return how many numbers the question states or implies, constants included */
  int size() {
    return values.size();
  }

  private void add(double d) {
    values.add(BigDecimal.valueOf(d));
  }
}
