package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void meanKeepsTheFraction() {
    assertEquals(2.5, Stats.mean(new int[] {1, 2, 3, 4}), 1e-9);
  }

  @Test
  void maxFindsTheLargest() {
    assertEquals(7, Stats.max(new int[] {3, 7, 5}));
  }
}
