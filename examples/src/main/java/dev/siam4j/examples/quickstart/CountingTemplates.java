package dev.siam4j.examples.quickstart;

import static dev.siam4j.examples.quickstart.Draw.program;

import dev.siam4j.examples.quickstart.Template.Instance;
import java.util.List;

/** Templates for counting: choices, handshakes, arrangements, multiples. */
final class CountingTemplates {
  private CountingTemplates() {}

  static List<Template> all() {
    return List.of(
        new Template("counting.choose", "counting", Group.SEEN, CountingTemplates::choose),
        new Template("counting.handshakes", "counting", Group.PARAPHRASE, CountingTemplates::handshakes),
        new Template("counting.arrange", "counting", Group.NEW, CountingTemplates::arrange),
        new Template("counting.multiples", "counting", Group.NEW, CountingTemplates::multiples));
  }

  private static long comb(int n, int k) {
    long v = 1;
    for (int i = 0; i < k; i++) {
      v = v * (n - i) / (i + 1);
    }
    return v;
  }

  private static String ways(Draw d, long v, boolean zh) {
    return zh ? d.pick("" + v, v + "种", v + " 种") : d.pick("" + v, v + " ways");
  }

  private static Instance choose(Draw d, boolean zh) {
    int n = d.between(4, 20);
    int k = d.between(2, Math.min(5, n - 1));
    String q =
        zh
            ? d.pick(
                "从" + n + "本不同的书中选出" + k + "本，有多少种选法？",
                "从" + n + "名同学中选" + k + "人组成一个小组，有多少种选法？")
            : d.pick(
                "In how many ways can " + k + " books be chosen from " + n + " different books?",
                "How many ways are there to pick " + k + " of " + n + " students for a team?");
    return new Instance(
        q, ways(d, comb(n, k), zh), program("import math", "n = " + n, "k = " + k, "print(math.comb(n, k))"));
  }

  private static Instance handshakes(Draw d, boolean zh) {
    int n = d.between(3, 50);
    long v = comb(n, 2);
    boolean games = d.coin();
    String q;
    if (games) {
      q = zh ? n + "支球队进行比赛，每两支球队赛一场，一共要赛多少场？" : n + " teams play and every two teams play each other once. How many games are played?";
    } else {
      q = zh ? n + "个人聚会，每两个人握一次手，一共握多少次手？" : n + " people meet and every two of them shake hands once. How many handshakes are there?";
    }
    String answer =
        zh ? d.pick("" + v, v + (games ? "场" : "次")) : d.pick("" + v, v + (games ? " games" : " handshakes"));
    return new Instance(q, answer, program("import math", "n = " + n, "print(math.comb(n, 2))"));
  }

  private static Instance arrange(Draw d, boolean zh) {
    int n = d.between(3, 16);
    int k = d.between(2, Math.min(5, n));
    long v = 1;
    for (int i = 0; i < k; i++) {
      v *= n - i;
    }
    String q;
    if (k == n) {
      q = zh ? n + "个人站成一排，有多少种不同的站法？" : "In how many ways can " + n + " people stand in a row?";
    } else {
      q =
          zh
              ? "从" + n + "个人中选" + k + "个人排成一排，有多少种排法？"
              : "In how many ways can " + k + " of " + n + " people sit in a row of " + k + " chairs?";
    }
    return new Instance(
        q, ways(d, v, zh), program("import math", "n = " + n, "k = " + k, "print(math.perm(n, k))"));
  }

  private static Instance multiples(Draw d, boolean zh) {
    int n = d.between(20, 200);
    int k = d.between(2, 12);
    String q =
        zh
            ? "1到" + n + "的整数中，" + k + "的倍数有多少个？"
            : "How many whole numbers from 1 to " + n + " are multiples of " + k + "?";
    String answer = zh ? d.pick("" + (n / k), (n / k) + "个") : "" + (n / k);
    return new Instance(q, answer, program("n = " + n, "k = " + k, "print(n // k)"));
  }
}
